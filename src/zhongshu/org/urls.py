from django.urls import path

from .views import catalogue, excel, people, portfolios, units

app_name = "org"
urlpatterns = [
    # units and sections
    path("units/", units.UnitTreeView.as_view(), name="unit_list"),
    path("units/new/", units.UnitCreateView.as_view(), name="unit_create"),
    path("units/export/", excel.ExportView.as_view(sheet="units"), name="unit_export"),
    path(
        "units/template/", excel.TemplateDownloadView.as_view(sheet="units"), name="unit_template"
    ),
    path("units/import/", excel.ImportView.as_view(sheet="units"), name="unit_import"),
    path("units/<uuid:uuid>/", units.UnitDetailView.as_view(), name="unit_detail"),
    path("units/<uuid:uuid>/edit/", units.UnitEditView.as_view(), name="unit_edit"),
    path("units/<uuid:uuid>/archive/", units.UnitArchiveView.as_view(), name="unit_archive"),
    path("units/<uuid:uuid>/restore/", units.UnitRestoreView.as_view(), name="unit_restore"),
    path(
        "units/<uuid:unit>/sections/new/", units.SectionCreateView.as_view(), name="section_create"
    ),
    path("sections/options/", people.SectionOptionsView.as_view(), name="section_options"),
    path("sections/<uuid:uuid>/edit/", units.SectionEditView.as_view(), name="section_edit"),
    path(
        "sections/<uuid:uuid>/archive/", units.SectionArchiveView.as_view(), name="section_archive"
    ),
    path(
        "sections/<uuid:uuid>/restore/", units.SectionRestoreView.as_view(), name="section_restore"
    ),
    # people and their posts
    path("people/", people.PersonListView.as_view(), name="person_list"),
    path("people/new/", people.PersonCreateView.as_view(), name="person_create"),
    path("people/picker/", people.PersonPickerView.as_view(), name="person_picker"),
    path("people/export/", excel.ExportView.as_view(sheet="people"), name="person_export"),
    path(
        "people/template/",
        excel.TemplateDownloadView.as_view(sheet="people"),
        name="person_template",
    ),
    path("people/import/", excel.ImportView.as_view(sheet="people"), name="person_import"),
    path("people/<uuid:uuid>/", people.PersonDetailView.as_view(), name="person_detail"),
    path("people/<uuid:uuid>/edit/", people.PersonEditView.as_view(), name="person_edit"),
    path("people/<uuid:uuid>/archive/", people.PersonArchiveView.as_view(), name="person_archive"),
    path("people/<uuid:uuid>/restore/", people.PersonRestoreView.as_view(), name="person_restore"),
    path(
        "people/<uuid:uuid>/positions/new/",
        people.PositionCreateView.as_view(),
        name="position_create",
    ),
    path("positions/<uuid:uuid>/end/", people.PositionEndView.as_view(), name="position_end"),
    # portfolios and delegations
    path("portfolios/", portfolios.PortfolioListView.as_view(), name="portfolio_list"),
    path("portfolios/new/", portfolios.PortfolioCreateView.as_view(), name="portfolio_create"),
    path(
        "portfolios/<uuid:uuid>/edit/",
        portfolios.PortfolioEditView.as_view(),
        name="portfolio_edit",
    ),
    path(
        "portfolios/<uuid:uuid>/end/", portfolios.PortfolioEndView.as_view(), name="portfolio_end"
    ),
    path("delegations/", portfolios.DelegationListView.as_view(), name="delegation_list"),
    path("delegations/new/", portfolios.DelegationCreateView.as_view(), name="delegation_create"),
    path(
        "delegations/<uuid:uuid>/revoke/",
        portfolios.DelegationRevokeView.as_view(),
        name="delegation_revoke",
    ),
    # catalogues
    path("series-codes/", catalogue.SeriesCodeListView.as_view(), name="seriescode_list"),
    path("series-codes/new/", catalogue.SeriesCodeCreateView.as_view(), name="seriescode_create"),
    path(
        "series-codes/<uuid:uuid>/edit/",
        catalogue.SeriesCodeEditView.as_view(),
        name="seriescode_edit",
    ),
    path(
        "series-codes/<uuid:uuid>/archive/",
        catalogue.SeriesCodeArchiveView.as_view(),
        name="seriescode_archive",
    ),
    path(
        "series-codes/<uuid:uuid>/restore/",
        catalogue.SeriesCodeRestoreView.as_view(),
        name="seriescode_restore",
    ),
    path("posts/", catalogue.PostListView.as_view(), name="post_list"),
    path("posts/new/", catalogue.PostCreateView.as_view(), name="post_create"),
    path("posts/<uuid:uuid>/edit/", catalogue.PostEditView.as_view(), name="post_edit"),
]
