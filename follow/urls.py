from django.urls import path

from . import views

app_name = "follow"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("gesendet/", views.sent, name="sent"),
    path("bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("verwalten/<str:token>/", views.manage, name="manage"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("neuer-link/", views.new_link, name="new_link"),
]
