"""Who may do what with status reports in Wagtail's snippet admin.

The committee (Begleitgremium) holds only the add permission: it reports through its
own narrow view ("Umsetzungsstand melden", concept.views) and never sees the snippet
listing, other members' drafts or the editor. Wagtail's snippet views therefore ask for
the change permission besides whatever action they need — that is the staff.
"""

from wagtail.permission_policies import ModelPermissionPolicy


class StaffOnlyStatusReportPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return super().user_has_permission(user, "change") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

