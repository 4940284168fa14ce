"""The waiting-room kiosk: a static web app served at /kiosk/ that runs on the kiosk bundle."""
