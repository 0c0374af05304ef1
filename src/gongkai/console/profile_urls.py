from django.urls import path

from gongkai.console import profile

urlpatterns = [
    path("", profile.index, name="profiles"),
    path("<int:agency_id>/", profile.edit, name="profile_edit"),
    path("<int:agency_id>/guide/", profile.guide, name="profile_guide"),
]
