from django.urls import path
from django.views.generic import RedirectView

from gongkai.portal import feeds, views

app_name = "portal"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="portal:catalog"), name="home"),
    path("catalog/", views.catalog, name="catalog"),
    path("catalog/search/", views.search_page, name="search"),
    path("catalog/<int:pk>/", views.item, name="item"),
    path(
        "catalog/<int:pk>/attachments/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path("catalog/agency/<int:agency_id>/feed.atom", feeds.AgencyFeed(), name="feed"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
]
