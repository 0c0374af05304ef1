from django.contrib.auth import views as auth_views
from django.urls import include, path

from gongkai.console import views

app_name = "console"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="console/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="portal:catalog"), name="logout"),
    path("agency/<int:agency_id>/new/", views.new, name="new"),
    path(
        "agency/<int:agency_id>/standard-catalog/",
        views.standard_catalog,
        name="standard_catalog",
    ),
    path("agency/<int:agency_id>/standard-catalog/new/", views.catalog_item, name="catalog_new"),
    path(
        "agency/<int:agency_id>/standard-catalog/<int:item_id>/",
        views.catalog_item,
        name="catalog_item",
    ),
    path(
        "agency/<int:agency_id>/standard-catalog.xlsx",
        views.standard_catalog_xlsx,
        name="standard_catalog_xlsx",
    ),
    path("agency/<int:agency_id>/figures/", views.figures, name="figures"),
    path("items/<int:pk>/", views.item, name="item"),
    path("items/<int:pk>/<str:action>/", views.act, name="act"),
    path("cases/", include("gongkai.console.case_urls")),
    path("reports/", include("gongkai.console.report_urls")),
]
