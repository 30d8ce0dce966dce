"""Building blocks for the demo content: idempotent page creation and locally drawn images.

Every app has a `demo.py` with a `load(home)` function that uses these; the
`load_demo_content` command calls them in order. Nothing is downloaded.
"""

import io
import json
import uuid

from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

# The site's own vendored typeface: draws umlauts, and needs no system font.
FONT = settings.BASE_DIR / "static" / "vendor" / "kern" / "fonts" / "fira-sans" / "FiraSans-Regular.woff2"

SAMPLE_NOTE = "Beispielinhalt: Dieser Text ist ein Platzhalter der Demo-Installation und keine Aussage der Stadt Mössingen."


def ensure_child(parent, model, slug, **fields):
    """Returns the live child page with this slug, creating and publishing it if missing.

    An existing page is left as it is, so editors' changes survive a second run.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)  # child relations (goals=[Goal(...)]) are accepted too
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def stream(*blocks):
    """StreamField raw data from (type, value) pairs."""
    return json.dumps([{"type": t, "value": v, "id": str(uuid.uuid4())} for t, v in blocks])


def paragraph(*texts):
    return ("paragraph", "".join(f"<p>{t}</p>" for t in texts))


def sample_box(text=SAMPLE_NOTE):
    return ("info_box", {"title": "Beispielinhalt", "text": f"<p>{text}</p>"})


def demo_image(title, colour, label):
    """A placeholder picture drawn with Pillow, stored once per title."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    width, height = 1600, 1066
    picture = PILImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(picture)
    for i in range(0, width, 80):
        draw.line([(i, 0), (i - height // 2, height)], fill=tuple(min(255, c + 18) for c in colour), width=24)
    font = ImageFont.truetype(str(FONT), 64)
    small = ImageFont.truetype(str(FONT), 40)
    draw.rectangle([(80, height // 2 - 130), (width - 80, height // 2 + 130)], fill=(255, 255, 255))
    draw.text((width // 2, height // 2 - 40), "Platzhalterbild", fill=(30, 30, 30), font=small, anchor="mm")
    draw.text((width // 2, height // 2 + 40), label, fill=(0, 0, 0), font=font, anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    filename = f"demo-{uuid.uuid5(uuid.NAMESPACE_URL, title).hex[:12]}.jpg"
    image = Image(title=title, file=ImageFile(buffer, name=filename))
    image.save()
    return image
