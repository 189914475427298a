"""The review queue, each pending revision's review page, and a record's thread, watch and
decisions, as admin pages: every new record and pending change waiting, who and when, the
difference against the live version, approve or request changes."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from atlas import drafts, review
from atlas.models import (
    CommentKind,
    Notification,
    PendingRevision,
    PublicationStatus,
    ReviewState,
    Watch,
)
from atlas.publishing import can_publish
from atlas.registry import curated_models


def _may(user, model, action):
    return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


@admin.register(PendingRevision)
class ReviewQueueAdmin(admin.ModelAdmin):
    """The queue of changes waiting for review (the changelist), and each one's page."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        if not (request.user.is_active and request.user.is_staff):
            return False
        if obj is None:
            return any(_may(request.user, model, "view") for model in curated_models())
        return _may(request.user, obj.record_model, "view")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("mine/", view(self.mine_view), name="atlas_review_mine"),
            path("<int:pk>/approve/", view(self.approve_view), name="atlas_review_approve"),
            path(
                "<int:pk>/request-changes/",
                view(self.request_changes_view),
                name="atlas_review_request_changes",
            ),
            path(
                "record/<int:content_type>/<str:object_id>/<str:step>/",
                view(self.record_view),
                name="atlas_review_record",
            ),
            *super().get_urls(),
        ]

    # The queue -------------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.GET:
            return HttpResponseBadRequest(
                "The review queue takes no filters or search: it always lists everything "
                "waiting. Nothing was changed."
            )
        models = [model for model in curated_models() if _may(request.user, model, "view")]
        types = ContentType.objects.get_for_models(*models)
        pending = (
            PendingRevision.objects.filter(
                content_type__in=types.values(), state=ReviewState.IN_REVIEW
            )
            .select_related("author", "updated_by", "content_type")
            .order_by("updated_at")
        )
        pending = list(pending)
        # Against the live version each was drafted from, with every name the differences
        # point at read in one query per kind, so the queue costs the same however long;
        # the review page compares with the live version as it is now.
        labels = drafts._labels(*(item.base for item in pending), *(item.data for item in pending))
        changes = [(item, drafts.difference(item.base, item.data, labels)) for item in pending]
        stale = _stale(pending)
        new_records = []
        for model in models:
            for record in (
                model.objects.in_review().select_related("updated_by").order_by("updated_at")
            ):
                new_records.append(
                    (
                        types[model],
                        record,
                        can_publish(request.user, model),
                        review.admin_url(record),
                    )
                )
        context = {
            **self.admin_site.each_context(request),
            "title": "Waiting for review",
            "opts": self.model._meta,
            "changes": [
                (item, difference, can_publish(request.user, item.record_model), item.pk in stale)
                for item, difference in changes
            ],
            "new_records": new_records,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/atlas/review_queue.html", context)

    # One pending revision ----------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        pending = self._pending(request, object_id)
        model = pending.record_model
        live = model._default_manager.filter(pk=pending.object_id).first()
        if live is None:
            raise Http404("The record of this change no longer exists.")
        live_data = drafts.snapshot(live, drafts.keys_of(live))
        labels = drafts._labels(pending.base, live_data, pending.data)
        stale = pending.base_updated_at is not None and getattr(live, "updated_at", None) != (
            pending.base_updated_at
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Pending change to “{live}”",
            "opts": self.model._meta,
            "pending": pending,
            "record": live,
            "record_opts": model._meta,
            "difference": drafts.difference(live_data, pending.data, labels),
            "stale": stale,
            "merge": drafts.three_way(pending.base, live_data, pending.data, labels)
            if stale
            else None,
            "thread": review.thread(live),
            "may_decide": can_publish(request.user, model),
            "record_url": review.admin_url(live),
            "preview_url": f"{live.get_absolute_url()}?preview=pending",
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/atlas/review_change.html", context)

    def _pending(self, request, object_id):
        pending = (
            PendingRevision.objects.select_related("author", "updated_by", "content_type")
            .filter(pk=unquote(str(object_id)))
            .first()
            if str(object_id).isdigit()
            else None
        )
        if pending is None:
            raise Http404("No pending change with this id: it may have been approved meanwhile.")
        if not self.has_view_permission(request, pending):
            raise PermissionDenied
        return pending

    def approve_view(self, request, pk):
        return require_POST(self._approve)(request, pk)

    def _approve(self, request, pk):
        pending = self._pending(request, pk)
        try:
            record = review.approve(
                pending, request.user, request.POST.get("seen", ""), request.POST.get("note", "")
            )
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return HttpResponseRedirect(reverse("admin:atlas_pendingrevision_change", args=[pk]))
        messages.success(request, f"Approved: “{record}” now shows the change to readers.")
        return HttpResponseRedirect(reverse("admin:atlas_pendingrevision_changelist"))

    def request_changes_view(self, request, pk):
        return require_POST(self._request_changes)(request, pk)

    def _request_changes(self, request, pk):
        pending = self._pending(request, pk)
        record = pending.record()
        back = reverse("admin:atlas_pendingrevision_change", args=[pk])
        if record is None:
            raise Http404("The record of this change no longer exists.")
        try:
            review.request_changes(record, request.user, request.POST.get("body", ""), pending)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return HttpResponseRedirect(back)
        messages.success(request, f"Sent back to {review.who(pending.author)} with your comment.")
        return HttpResponseRedirect(reverse("admin:atlas_pendingrevision_changelist"))

    # A record's thread, watch and (new records) decisions ---------------------------------

    def record_view(self, request, content_type, object_id, step):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:atlas_pendingrevision_changelist"))
        kind = ContentType.objects.filter(pk=content_type).first()
        model = kind.model_class() if kind else None
        if model not in curated_models():
            raise Http404("No such kind of record.")
        found = model._default_manager.filter(pk=object_id) if object_id.isdigit() else None
        record = found.first() if found is not None else None
        if record is None:
            raise Http404(f"No {model._meta.verbose_name} with this id.")
        back = request.POST.get("next") or review.admin_url(record)
        if not back.startswith("/") or back.startswith("//"):
            back = review.admin_url(record)
        steps = {
            "comment": self._comment,
            "watch": self._watch,
            "approve": self._approve_new,
            "request-changes": self._send_back_new,
        }
        if step not in steps:
            raise Http404("No such step.")
        try:
            steps[step](request, record)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        return HttpResponseRedirect(back)

    def _comment(self, request, record):
        if not _may(request.user, type(record), "change"):
            raise PermissionDenied("Only editors and publishers take part in a record's thread.")
        body = request.POST.get("body", "").strip()
        if not body:
            raise ValidationError("An empty comment was not added.")
        review.comment(record, request.user, CommentKind.COMMENT, body)
        messages.success(request, "Comment added.")

    def _watch(self, request, record):
        if not _may(request.user, type(record), "view"):
            raise PermissionDenied
        watch = Watch.objects.filter(**review.reference(record), user=request.user)
        if watch.exists():
            watch.delete()
            messages.success(request, f"You no longer watch “{record}”.")
        else:
            Watch.objects.create(**review.reference(record), user=request.user)
            messages.success(request, f"You will hear when “{record}” changes.")

    def _approve_new(self, request, record):
        if record.status != PublicationStatus.IN_REVIEW:
            raise ValidationError(f"“{record}” is not waiting for review.")
        review.approve_new(record, request.user, request.POST.get("note", ""))
        messages.success(request, f"Published “{record}”.")

    def _send_back_new(self, request, record):
        if record.status != PublicationStatus.IN_REVIEW:
            raise ValidationError(f"“{record}” is not waiting for review.")
        review.request_changes(record, request.user, request.POST.get("body", ""))
        messages.success(request, f"Sent “{record}” back to its author with your comment.")

    # One's own work -----------------------------------------------------------------------

    def mine_view(self, request):
        user = request.user
        if request.method == "POST":
            Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
            return HttpResponseRedirect(reverse("admin:atlas_review_mine"))
        pending = PendingRevision.objects.filter(author=user).select_related("content_type")
        in_review = []
        for model in curated_models():
            if _may(user, model, "view"):
                found = model.objects.filter(
                    updated_by=user,
                    status__in=[PublicationStatus.IN_REVIEW, PublicationStatus.DRAFT],
                ).order_by("-updated_at")[:50]
                in_review += [(model._meta.verbose_name, record) for record in found]
        context = {
            **self.admin_site.each_context(request),
            "title": "My work",
            "opts": self.model._meta,
            "pending": pending.order_by("-updated_at"),
            "records": in_review,
            "notifications": Notification.objects.filter(user=user)[:50],
            "unread": Notification.objects.filter(user=user, read_at=None).count(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/atlas/review_mine.html", context)


def _stale(pending):
    """The pending revisions whose live version was saved again after they began, read with
    one query per kind of record."""
    by_model = {}
    for item in pending:
        by_model.setdefault(item.record_model, []).append(item)
    stale = set()
    for model, items in by_model.items():
        saved = dict(
            model._default_manager.filter(pk__in=[item.object_id for item in items]).values_list(
                "pk", "updated_at"
            )
        )
        for item in items:
            live = saved.get(int(item.object_id)) if item.object_id.isdigit() else None
            if item.base_updated_at is not None and live != item.base_updated_at:
                stale.add(item.pk)
    return stale
