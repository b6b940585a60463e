"""Time clocks: USB-stick files and the LAN protocol (pyzk). Plain data out, no database."""
