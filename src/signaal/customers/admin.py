"""Customers are deliberately not in the admin site.

Customer data is read in the workspace, where every view is recorded in the audit trail
(DESIGN.md section 11); the admin would be a second, unaudited door to the same data.
Corrections go through the services (``customers_resolve``) and, later, the privacy tools.
"""
