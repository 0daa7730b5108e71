"""Detected signals and behaviours are deliberately not in the admin site.

They carry customers' words as evidence, so they are read in the workspace (audited) and
recomputed by ``interaction_analyze``, never edited by hand.
"""
