from django.http import Http404
from django.views.generic import DetailView

from embassy.pages.models import Page


class PageView(DetailView):
    """A published page whose ancestors are all published too."""

    template_name = "pages/page.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        path = self.kwargs["path"].strip("/")
        line = list(Page.objects.visible().at(path))
        if not line or line[-1].path != path or len(line) != path.count("/") + 1:
            raise Http404
        self.ancestors = line[:-1]
        return line[-1]

    def get_context_data(self, **kwargs):
        return super().get_context_data(ancestors=self.ancestors, **kwargs)
