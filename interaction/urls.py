"""Public URLs, served on the portal and on every subsite host."""

from django.urls import path

from . import interview_views, survey_views, views

app_name = "interaction"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/<str:kind>/", views.submit, name="submit"),
    path("receipt/<uuid:token>/", views.receipt, name="receipt"),
    path("track/", views.track, name="track"),
    path("case/<str:code>/", views.case_detail, name="case"),
    path("case/<str:code>/correct/", views.correct, name="correct"),
    path("replies/", views.replies, name="replies"),
    path("replies/<str:code>/", views.reply_detail, name="reply"),
    path("statistics/", views.statistics, name="statistics"),
    path("survey/<int:page_id>/", survey_views.respond, name="survey"),
    path("interview/<int:page_id>/ask/", interview_views.ask, name="interview_ask"),
    path("interview/<int:page_id>/transcript/", interview_views.transcript, name="interview_transcript"),
]
