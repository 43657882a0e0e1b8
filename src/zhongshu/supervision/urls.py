from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.LedgerView.as_view(), name="item_list"),
    path("summary/", views.LedgerSummaryView.as_view(), name="summary"),
    path("red/", views.RedWallView.as_view(), name="red_wall"),
    path("items/new/", views.ItemCreateView.as_view(), name="item_create"),
    path("items/import/", views.ImportView.as_view(), name="item_import"),
    path("instructions/new/", views.InstructionCreateView.as_view(), name="instruction_create"),
    path(
        "rectifications/new/",
        views.RectificationCreateView.as_view(),
        name="rectification_create",
    ),
    path("proposals/new/", views.ProposalCreateView.as_view(), name="proposal_create"),
    path("decisions/new/", views.DecisionsCreateView.as_view(), name="decisions_create"),
    path("items/<uuid:uuid>/", views.ItemDetailView.as_view(), name="item_detail"),
    path("items/<uuid:uuid>/<slug:action>/", views.ItemActionView.as_view(), name="item_action"),
    path("orders/<uuid:uuid>/answer/", views.OrderAnswerView.as_view(), name="order_answer"),
    path("co-opinions/<uuid:uuid>/", views.CoOpinionView.as_view(), name="co_opinion"),
    path(
        "extensions/<uuid:uuid>/decide/",
        views.ExtensionDecideView.as_view(),
        name="extension_decide",
    ),
    path("cases/", views.CaseListView.as_view(), name="case_list"),
    path("cases/new/", views.CaseCreateView.as_view(), name="case_create"),
    path("cases/<uuid:uuid>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("cases/<uuid:uuid>/<slug:action>/", views.CaseActionView.as_view(), name="case_action"),
    path("assessment/", views.AssessmentView.as_view(), name="assessment"),
    path("bulletins/", views.BulletinListView.as_view(), name="bulletin_list"),
    path("bulletins/<uuid:uuid>/", views.BulletinDetailView.as_view(), name="bulletin_detail"),
    path(
        "bulletins/<uuid:uuid>/<slug:what>/",
        views.BulletinFileView.as_view(),
        name="bulletin_file",
    ),
]
