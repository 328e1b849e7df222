"""Feature subcommands of `chatdesk`; each module here has `register(sub, command)`."""
