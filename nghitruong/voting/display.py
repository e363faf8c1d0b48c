"""Vietnamese number formatting for result boards: decimal comma, thousands dot."""

from decimal import Decimal


def percent_decimal(hundredths: int) -> Decimal:
    """8745 → Decimal("87.45")."""
    return (Decimal(hundredths) / 100).quantize(Decimal("0.01"))


def format_int_vi(value: int) -> str:
    """1234567 → "1.234.567"."""
    return f"{value:,}".replace(",", ".")


def format_percent_vi(hundredths: int) -> str:
    """8745 → "87,45%"; 10000 → "100,00%"."""
    whole, frac = divmod(hundredths, 100)
    return f"{format_int_vi(whole)},{frac:02d}%"
