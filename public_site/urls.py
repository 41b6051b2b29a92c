"""
The public site's own addresses, served in both languages like its pages (Vietnamese at the
root, English under /en/: vksnd/site_urls.py puts them in i18n_patterns). robots.txt, the
sitemap and the embed script answer at the root; their /en/ twins say the same.
"""

from django.urls import path

from . import feeds, schedules, views, voice

app_name = "public_site"

urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("binh-luan/<int:page_id>/", voice.comment, name="comment"),
    path("binh-luan/<int:page_id>/dau-thoi-gian/", voice.comment_stamp, name="comment_stamp"),
    path("lay-y-kien/", voice.consultation_index, name="consultations"),
    path("lay-y-kien/<int:pk>/", voice.consultation, name="consultation"),
    path("rss/guong-dien-hinh/", feeds.ExemplarFeed(), name="exemplar_feed"),
    path("rss/tin-bai/", feeds.NewsFeed(), name="news_feed"),
    path("rss/don-vi/<slug:code>/", feeds.UnitFeed(), name="unit_feed"),
    path("nhung/don-vi/<slug:code>/", views.unit_embed, name="unit_embed"),
    path("nhung/lich-cong-tac/<slug:code>/", schedules.embed, name="schedule_embed"),
    path("lich-cong-tac/<slug:code>/", schedules.archive, name="schedule_archive"),
    path("lich-cong-tac/<slug:code>/lich.ics", schedules.ics, name="schedule_ics"),
    path("nhung/phong-trao/<int:campaign_id>/", views.campaign_embed, name="campaign_embed"),
    path("nhung/nhung.js", views.embed_script, name="embed_script"),
    path("robots.txt", views.robots, name="robots"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
]
