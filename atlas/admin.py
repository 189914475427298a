from django.contrib import admin


class CuratedAdmin(admin.ModelAdmin):
    """Shared admin behaviour: remember who last changed a record."""

    readonly_fields = ["created_at", "updated_at", "updated_by"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
