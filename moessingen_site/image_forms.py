"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail's own, with a file field
that answers an image beyond Pillow's decompression-bomb limit with a form error.

Wagtail counts an upload's pixels (WAGTAILIMAGES_MAX_IMAGE_PIXELS) by asking the image for
its size; for a file whose header claims more than twice Pillow's own limit, Pillow refuses
to open it (DecompressionBombError) and the upload was a 500. It is too big either way.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class PixelSafeImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as error:
            raise ValidationError(
                _("Dieses Bild hat zu viele Pixel. Erlaubt sind höchstens %(max)s Millionen.")
                % {"max": (self.max_image_pixels or PILImage.MAX_IMAGE_PIXELS) // 1_000_000},
                code="file_too_many_pixels",
            ) from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made per form, not once for the class: the field reads its limits from the settings.
        if "file" in self.fields:
            given = self.fields["file"]
            self.fields["file"] = PixelSafeImageField(label=given.label or gettext_lazy("Datei"), required=given.required)
