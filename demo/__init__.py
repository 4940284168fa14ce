"""The demo site: demo users, the ketamine treatment from ``ketamine.json`` and its review.

It sits above every other app (it drives the whole clinical-review workflow), so nothing
imports it but its own management command and the tests.
"""
