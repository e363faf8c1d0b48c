"""HTML views of the accounts app: login with a second factor, enrolment, tokens."""
