"""Files the application ships with: vendored web libraries and the map page script.

Read them through ``importlib.resources.files("resources")`` so a frozen build finds them too.
"""
