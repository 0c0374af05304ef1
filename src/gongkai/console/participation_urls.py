from django.urls import path

from gongkai.console import participation

urlpatterns = [
    path("", participation.home, name="participation"),
    path("consultations/new/", participation.new_consultation, name="consultation_new"),
    path("consultations/<int:pk>/", participation.consultation, name="consultation"),
    path(
        "consultations/<int:pk>/<str:action>/",
        participation.consultation_act,
        name="consultation_act",
    ),
    path("gazette/new/", participation.new_issue, name="gazette_new"),
    path("gazette/<int:pk>/", participation.gazette_issue, name="gazette_issue"),
    path("gazette/<int:pk>/<str:action>/", participation.gazette_act, name="gazette_act"),
]
