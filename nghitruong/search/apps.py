from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "nghitruong.search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from nghitruong.core import bench, hooks
        from nghitruong.search import services
        from nghitruong.search.bench import add_arguments, run_retrieval

        hooks.subscribe("document.changed", services.on_document_changed)
        hooks.subscribe("document.deleted", services.on_document_deleted)
        bench.register(
            "retrieval",
            run_retrieval,
            add_arguments,
            help="Đo chất lượng và tốc độ tìm kiếm điều luật / Legal retrieval quality and speed",
        )
