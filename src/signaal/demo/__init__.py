"""Demo data: the fictional energy-and-water company Stroomlijn, its team and its customers."""
