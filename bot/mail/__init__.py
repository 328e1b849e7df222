"""E-mail as a channel: IMAP polling in (imap.py, parse.py), SMTP replies out (smtp.py), and
the loop that ties them to the desk (poller.py). Optional: without MAIL_IMAP_HOST there is none."""
