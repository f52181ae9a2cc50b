"""The pages' admin: the tree in one list, each staff member limited to their area's pages.

A member of the press office sees, edits and places pages of the press office's area only, the
consular section's staff theirs; a superuser all of them, and only a superuser chooses the area
of a top-level page (a page below another has its parent's). Pages are retired by unpublishing
them: a page with pages below it cannot be deleted (the parent key protects them), and every
address that changes leaves a redirect (Page.save()).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from embassy.pages.models import Page, areas_of, hidden_above
from news.admin import PICTURE_FIELDSET, PublishableAdmin, VisibilityFilter
from news.models import Status

# Deeper pages are indented as much as the eighth level (static/pages/admin-pages.css).
DEEPEST_INDENT = 8


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = [
        "tree_title",
        "address",
        "area",
        "show_in_menu",
        "position",
        "publication",
        "visible_now",
        "add_below",
    ]
    list_display_links = ["tree_title"]
    list_editable = ["position"]
    list_filter = [VisibilityFilter, "area", "show_in_menu", "status"]
    search_fields = ["title", "lead", "body", "slug", "path"]
    ordering = ["path"]
    list_select_related = False
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "position", "area"]}),
        (_("Text"), {"fields": ["lead", "body"]}),
        PICTURE_FIELDSET,
        (_("Place on the site"), {"fields": ["show_in_menu", "purpose", "lists"]}),
        (_("Publication"), {"fields": ["status", "published_at"]}),
    ]

    class Media:
        css = {"all": ["pages/admin-pages.css"]}

    # --- Each staff member's area -------------------------------------------------------------

    def get_queryset(self, request):
        """Their areas' pages, each marked when a page above it is not published."""
        pages = super().get_queryset(request).annotate(is_hidden_above=hidden_above())
        return pages if request.user.is_superuser else pages.kept_by(request.user)

    @staticmethod
    def keeps(request, page) -> bool:
        return page is None or page.area in areas_of(request.user)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.keeps(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.keeps(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.keeps(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.parent_id is not None:
            readonly.append("area")  # its parent's
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Page.objects.kept_by(request.user).order_by("path")
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "parent":
            field.label_from_instance = lambda page: f"{page.address()} {page.title}"
        return field

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        parent = form.base_fields.get("parent")
        if parent is not None and obj is not None:
            # Not below itself nor below its own pages (Page.clean() says so too).
            parent.queryset = parent.queryset.exclude(pk=obj.pk).exclude(
                path__startswith=f"{obj.path}/"
            )
        area = form.base_fields.get("area")
        if area is not None and not request.user.is_superuser:
            # A new top-level page is the editor's area's; they choose only among theirs.
            areas = areas_of(request.user)
            area.choices = [choice for choice in area.choices if choice[0] in areas]
            area.initial = obj.area if obj is not None else areas[0] if areas else None
            area.disabled = len(areas) <= 1
        return form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or {"position", "parent"} & set(form.changed_data):
            obj.take_position()

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)

        class PositionForm(form):
            """The list's position inputs have no label of their own: each names its page."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["position"].widget.attrs["aria-label"] = _(
                    "Position of “%(title)s”"
                ) % {"title": self.instance.title}

        return PositionForm

    # --- Columns --------------------------------------------------------------------------------

    @admin.display(description=_("title"), ordering="path")
    def tree_title(self, page):
        depth = min(page.depth, DEEPEST_INDENT)
        return format_html('<span class="page-depth page-depth--{}">{}</span>', depth, page)

    @admin.display(description=_("address"), ordering="path")
    def address(self, page):
        return page.address()

    @admin.display(description=_("visible now"), boolean=True)
    def visible_now(self, page):
        return page.is_public and not page.is_hidden_above

    @admin.display(description=_("status"), ordering="status")
    def publication(self, page):
        shown = super().publication(page)
        if page.status == Status.PUBLISHED and page.is_hidden_above:
            return _("%(status)s, but hidden: a page above it is not published") % {"status": shown}
        return shown

    @admin.display(description=_("below it"))
    def add_below(self, page):
        url = reverse("admin:pages_page_add")
        return format_html(
            '<a href="{}?parent={}">{}<span class="visually-hidden"> {}</span></a>',
            url,
            page.pk,
            _("Add a page"),
            _("below “%(title)s”") % {"title": page.title},
        )
