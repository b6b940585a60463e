"""Accounts in the window (issue 18): the first-run dialog, sign-in, the recovery code, user
management and the idle lock, over :class:`app.services.accounts.AccountService`.

``start.sign_in_at_start`` runs before the window shows any data; ``session.AccountSession``
(made by ``MainWindow.attach``) keeps the window in step with who is signed in."""
