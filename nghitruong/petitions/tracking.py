"""Public tracking codes (mã tra cứu): non-guessable, with a check character (issue 5 §3).

12 random symbols from Crockford's base-32 alphabet (60 bits from ``secrets``) plus one check
symbol computed with the Luhn mod N algorithm over the same alphabet, which catches every single
wrong symbol and every swap of two adjacent different symbols except ``0``↔``Z`` (the known blind
spot of Luhn mod N). Displayed as ``XXXX-XXXX-XXXXX``;
input is forgiving the Crockford way (case, hyphens and spaces ignored, I/L→1, O→0).
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U
N = len(ALPHABET)
BODY_LENGTH = 12
CODE_LENGTH = BODY_LENGTH + 1
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0", "-": None, " ": None})


def check_symbol(body: str) -> str:
    """Luhn mod 32: double every second value from the right, fold, sum; the check completes it."""
    total = 0
    factor = 2
    for ch in reversed(body):
        addend = factor * _VALUE[ch]
        total += addend // N + addend % N
        factor = 1 if factor == 2 else 2
    return ALPHABET[(N - total % N) % N]


def generate() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_symbol(body)


def normalise(raw: str) -> str:
    return raw.upper().translate(_ALIASES)


def is_valid(raw: str) -> bool:
    code = normalise(raw)
    if len(code) != CODE_LENGTH or any(ch not in _VALUE for ch in code):
        return False
    return check_symbol(code[:-1]) == code[-1]


def display(code: str) -> str:
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"
