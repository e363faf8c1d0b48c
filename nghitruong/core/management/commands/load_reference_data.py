"""``nghitruong load-reference-data``: load the 34 provinces, 3,321 communes, the NA structure,
the People's Councils, terms and the agency tree. Idempotent: a second run creates nothing."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from nghitruong.core.services import reference_data_load


class Command(BaseCommand):
    help = "Nạp dữ liệu danh mục (đơn vị hành chính, cơ quan dân cử, nhiệm kỳ, cơ quan nhà nước) / Load reference data"

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        counts = reference_data_load(actor=None, progress=lambda msg: self.stdout.write(msg))
        elapsed = time.perf_counter() - started
        for key, label in (
            ("units", "đơn vị hành chính / administrative units"),
            ("bodies", "cơ quan dân cử / elected bodies"),
            ("terms", "nhiệm kỳ / terms"),
            ("agencies", "cơ quan nhà nước / agencies"),
        ):
            self.stdout.write(f"  {label}: {counts[key]} mới / created")
        self.stdout.write(
            self.style.SUCCESS(f"Xong / done in {elapsed:.2f} s ({sum(counts.values())} rows)")
        )
