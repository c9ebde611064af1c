"""The owner's and the operator's web pages: server-rendered Jinja, no JavaScript required.

`hub.web.routes` is the entry point `hub.app.create_app` looks for (WEB_CONTROLLERS and
`configure_templates`); templates live in hub/templates, CSS and the small script in hub/static.
"""
