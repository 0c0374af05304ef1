from django.contrib.auth import views as auth_views
from django.urls import include, path

from gongkai.console import account, publications, todo

app_name = "console"

urlpatterns = [
    path("", todo.todo, name="home"),  # staff land on what waits for them
    path("catalog/", publications.home, name="catalog"),
    path("login/", account.SignInView.as_view(), name="login"),
    path("login/code/", account.login_code, name="login_code"),
    path("account/two-factor/", account.two_factor, name="two_factor"),
    path("logout/", auth_views.LogoutView.as_view(next_page="portal:catalog"), name="logout"),
    path("agency/<int:agency_id>/new/", publications.new, name="new"),
    path(
        "agency/<int:agency_id>/standard-catalog/",
        publications.standard_catalog,
        name="standard_catalog",
    ),
    path(
        "agency/<int:agency_id>/standard-catalog/new/",
        publications.catalog_item,
        name="catalog_new",
    ),
    path(
        "agency/<int:agency_id>/standard-catalog/<int:item_id>/",
        publications.catalog_item,
        name="catalog_item",
    ),
    path(
        "agency/<int:agency_id>/standard-catalog.xlsx",
        publications.standard_catalog_xlsx,
        name="standard_catalog_xlsx",
    ),
    path("agency/<int:agency_id>/figures/", publications.figures, name="figures"),
    path("items/<int:pk>/", publications.item, name="item"),
    path("items/<int:pk>/<str:action>/", publications.act, name="act"),
    path("cases/", include("gongkai.console.case_urls")),
    path("reports/", include("gongkai.console.report_urls")),
    path("disputes/", include("gongkai.console.dispute_urls")),
    path("supervision/", include("gongkai.console.supervision_urls")),
    path("participation/", include("gongkai.console.participation_urls")),
    path("profile/", include("gongkai.console.profile_urls")),  # 机构信息, 公开指南 versions
]
