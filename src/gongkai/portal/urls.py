from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.portal import (
    about,
    apply,
    assessments,
    columns,
    consultations,
    feeds,
    gazette,
    guide,
    home,
    reports,
    rules,
    suggest,
    views,
)

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    # 政府信息公开指南 (条例第十二条), a unit's own pages, 政策解读
    path("guide/", guide.guide, name="guide"),
    path("units/<int:pk>/", home.unit, name="unit"),
    path("units/<int:pk>/guide/", guide.unit_guide, name="unit_guide"),
    path("guide/versions/<int:number>/", guide.guide_version, name="guide_version"),
    path(
        "units/<int:pk>/guide/versions/<int:number>/",
        guide.unit_guide_version,
        name="unit_guide_version",
    ),
    path("policies/", guide.policies, name="policies"),
    # 机构信息 and the published summary of 依申请公开 results (portal/about.py)
    path("about/", about.about, name="about"),
    path("units/<int:pk>/about/", about.unit_about, name="unit_about"),
    path("applications/summary/", about.summary, name="summary"),
    path("units/<int:pk>/applications/summary/", about.unit_summary, name="unit_summary"),
    # 法定主动公开内容: the standard catalog as columns
    path("standard/", columns.standard, name="standard"),
    path("units/<int:pk>/standard/", columns.unit_standard, name="unit_standard"),
    # 意见征集 (重大行政决策预公开), 政府公报, 公开制度
    path("consultations/", consultations.index, name="consultations"),
    path("consultations/<int:pk>/", consultations.detail, name="consultation"),
    path("consultations/<int:pk>/comment/", consultations.comment, name="consultation_comment"),
    path(
        "consultations/<int:pk>/attachments/<int:attachment_id>/",
        consultations.attachment,
        name="consultation_attachment",
    ),
    path("gazette/", gazette.index, name="gazette"),
    path("gazette/<int:pk>/", gazette.issue, name="gazette_issue"),
    path("gazette/<int:pk>/pdf/", gazette.pdf, name="gazette_pdf"),
    path("rules/", rules.rules, name="rules"),
    path("catalog/", views.catalog, name="catalog"),
    path("catalog/search/", views.search_page, name="search"),
    path("catalog/suggest/", suggest.suggest, name="suggest"),  # 第四十四条, while applying
    path("catalog/<int:pk>/", views.item, name="item"),
    path(
        "catalog/<int:pk>/attachments/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path("catalog/agency/<int:agency_id>/feed.atom", feeds.AgencyFeed(), name="feed"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap-<int:page>.xml", views.sitemap_page, name="sitemap_page"),
    # 政府信息公开工作年度报告
    path("reports/", reports.index, name="reports"),
    path("reports/<int:pk>/", reports.report_page, name="report"),
    path("reports/<int:pk>/download/<str:kind>/", reports.report_file, name="report_file"),
    # 政务公开工作考核: published 考核细则 and results (portal/assessments.py)
    path("assessments/", assessments.index, name="assessments"),
    path("assessments/<int:pk>/", assessments.scheme_page, name="assessment"),
    # 申请公开 and 查询进度
    path("apply/", apply.choose_agency, name="apply_choose"),
    path("apply/notice/", about.apply_notice, name="apply_notice"),
    path("apply/<int:agency_id>/", apply.apply, name="apply"),
    path("apply/receipt/<str:number>/", apply.receipt, name="receipt"),
    path("apply/receipt/<str:number>/pdf/", apply.receipt_pdf, name="receipt_pdf"),
    path("track/", apply.track, name="track"),
    path("track/<int:case_id>/", apply.track_case, name="track_case"),
    path("track/<int:case_id>/letters/<int:letter_id>/", apply.track_letter, name="track_letter"),
    path("track/<int:case_id>/correction/", apply.track_correction, name="track_correction"),
    path(
        "track/<int:case_id>/released/<int:item_id>/",
        apply.track_released,
        name="track_released",
    ),
    path("my/applications/", apply.my_applications, name="my_applications"),
    path("my/applications/<int:case_id>/", apply.my_case, name="my_case"),
    path(
        "my/applications/<int:case_id>/withdraw/",
        apply.withdraw_own,
        name="my_case_withdraw",
    ),
    path(
        "my/applications/<int:case_id>/letters/<int:letter_id>/",
        apply.my_letter,
        name="my_letter",
    ),
    path(
        "my/applications/<int:case_id>/correction/",
        apply.my_correction,
        name="my_correction",
    ),
    path(
        "my/applications/<int:case_id>/released/<int:item_id>/",
        apply.my_released,
        name="my_released",
    ),
    path("account/register/", apply.register, name="register"),
    path(
        "account/login/",
        auth_views.LoginView.as_view(
            template_name="portal/apply/login.html",
            redirect_authenticated_user=True,
            next_page="portal:my_applications",
        ),
        name="login",
    ),
    path(
        "account/logout/",
        auth_views.LogoutView.as_view(next_page="portal:catalog"),
        name="logout",
    ),
]
