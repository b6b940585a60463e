"""Who is at the keyboard and what they hold (issue 18): the signed-in person
(:mod:`app.security.principal`) and the database's secrets once an admin or the machine
credential has unlocked them (:mod:`app.security.keys`)."""
