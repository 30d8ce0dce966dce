"""Moving news out of ``concept`` loses nothing: a news page created while the models were
concept's is, after migrating, a ``news.NewsArticlePage`` with its title, body and content
type row, served at its old address."""

import json
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from news.models import NewsArticlePage, NewsIndexPage

# The last state in which the news models were concept's: news not migrated at all.
CONCEPT_BEFORE_THE_MOVE = ("concept", "0004_status_report_meeting")
BEFORE_THE_MOVE = [CONCEPT_BEFORE_THE_MOVE, ("news", None)]

BODY = [{"type": "paragraph", "value": "<p>Rund 60 Teilnehmende kamen in den Bürgersaal.</p>", "id": str(uuid.uuid4())}]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The executor sends no post_migrate signal, which would empty this process's cache of
    # content types; it still maps their ids to the app labels they had before.
    ContentType.objects.clear_cache()


def add_child(apps, parent, model_name, slug, **fields):
    """A page row as concept's historical models knew it (they have no tree methods)."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    model = apps.get_model("concept", model_name)
    content_type = ContentType.objects.get(app_label="concept", model=model_name.lower())
    position = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count() + 1
    page = model.objects.create(
        title=fields.pop("title"),
        draft_title=slug,
        slug=slug,
        path=f"{parent.path}{position:04d}",
        depth=parent.depth + 1,
        url_path=f"{parent.url_path}{slug}/",
        live=True,
        content_type=content_type,
        locale_id=parent.locale_id,
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    return page


@pytest.mark.migration
@pytest.mark.django_db(transaction=True)
def test_news_created_in_concept_survives_the_move(client, home_page):
    leaf_nodes = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        migrate(BEFORE_THE_MOVE)
        apps = MigrationExecutor(connection).loader.project_state(CONCEPT_BEFORE_THE_MOVE).apps
        home = apps.get_model("wagtailcore", "Page").objects.get(pk=home_page.pk)
        index = add_child(apps, home, "NewsIndexPage", "aktuelles", title="Aktuelles", intro="Nachrichten")
        article = add_child(
            apps, index, "NewsArticlePage", "auftaktveranstaltung",
            title="Auftaktveranstaltung", date="2018-11-24", teaser="Rund 60 Teilnehmende",
            body=json.dumps(BODY),
        )
        old_content_type = article.content_type_id
        # As if Django had created a content type for the news app already (`migrate news
        # 0001`, then any command): unused, it gives way to the one the pages point to.
        apps.get_model("contenttypes", "ContentType").objects.create(app_label="news", model="newsindexpage")
    finally:
        migrate(leaf_nodes)

    moved = NewsArticlePage.objects.get(pk=article.pk)
    assert moved.title == "Auftaktveranstaltung" and moved.teaser == "Rund 60 Teilnehmende"
    assert moved.body.raw_data[0]["value"] == BODY[0]["value"]
    assert moved.content_type_id == old_content_type
    assert (moved.content_type.app_label, moved.content_type.model) == ("news", "newsarticlepage")
    moved_index = NewsIndexPage.objects.get(pk=index.pk)
    assert moved_index.content_type_id == index.content_type_id
    assert moved_index.content_type.app_label == "news"
    assert ContentType.objects.filter(model="newsindexpage").count() == 1
    assert not ContentType.objects.filter(app_label="concept", model__startswith="news").exists()

    response = client.get("/aktuelles/auftaktveranstaltung/")
    assert response.status_code == 200
    assert "Rund 60 Teilnehmende kamen in den Bürgersaal." in response.content.decode()
    assert "Auftaktveranstaltung" in client.get("/aktuelles/").content.decode()
