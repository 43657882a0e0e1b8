from django.urls import path

from .views import admin_accounts, admin_roles, auth, tokens

app_name = "accounts"
urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("login/totp/", auth.TotpLoginView.as_view(), name="login_totp"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("totp/", auth.TotpEnrollView.as_view(), name="totp_enroll"),
    path("profile/", auth.ProfileView.as_view(), name="profile"),
    path("tokens/", tokens.TokenListView.as_view(), name="token_list"),
    path("tokens/<uuid:uuid>/revoke/", tokens.TokenRevokeView.as_view(), name="token_revoke"),
    # 三员: the system administrator and the security administrator
    path("admin/", admin_accounts.AdminHomeView.as_view(), name="admin_home"),
    path("admin/users/", admin_accounts.UserListView.as_view(), name="user_list"),
    path("admin/users/new/", admin_accounts.UserCreateView.as_view(), name="user_create"),
    path("admin/users/<uuid:uuid>/", admin_accounts.UserDetailView.as_view(), name="user_detail"),
    path(
        "admin/users/<uuid:uuid>/disable/",
        admin_accounts.UserActionView.as_view(action="disable"),
        name="user_disable",
    ),
    path(
        "admin/users/<uuid:uuid>/enable/",
        admin_accounts.UserActionView.as_view(action="enable"),
        name="user_enable",
    ),
    path(
        "admin/users/<uuid:uuid>/unlock/",
        admin_accounts.UserActionView.as_view(action="unlock"),
        name="user_unlock",
    ),
    path(
        "admin/users/<uuid:uuid>/reset-password/",
        admin_accounts.UserActionView.as_view(action="reset_password"),
        name="user_password_reset",
    ),
    path("admin/users/<uuid:uuid>/roles/", admin_roles.UserRolesView.as_view(), name="user_roles"),
    path(
        "admin/users/<uuid:uuid>/reset-totp/",
        admin_roles.TotpResetView.as_view(),
        name="user_totp_reset",
    ),
    path("admin/roles/", admin_roles.RoleListView.as_view(), name="role_list"),
    path("admin/roles/<slug:code>/", admin_roles.RoleEditView.as_view(), name="role_edit"),
    path("admin/config/", admin_accounts.ConfigView.as_view(), name="config"),
]
