import factory

from .models import Person


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    function = "Beispielfunktion"

    class Meta:
        model = Person
