"""The self-assessment form: a level, a note and evidence per key factor."""

from django import forms
from django.utils.translation import gettext_lazy as _

from incluportal.validators import group_length_limits, reject_nul
from schemes.models import Level

LEVEL_CHOICES = [("", _("Not rated yet")), *Level.choices]


class SelfAssessmentForm(forms.Form):
    """Every key factor of the assessment's benchmark, with its questions.

    Fields are built from the assessment's own ratings, so ids of any other
    benchmark or assessment cannot be posted in.
    """

    def __init__(self, *args, assessment, ratings, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        self.ratings = ratings
        self.factor_fields = []
        for rating in ratings:
            kf = rating.key_factor
            answers = {a.question_id: a.text for a in rating.answers.all()}
            level = f"level_{kf.pk}"
            note = f"note_{kf.pk}"
            evidence = f"evidence_{kf.pk}"
            self.fields[level] = forms.TypedChoiceField(
                label=_("Where does your city stand?"),
                choices=LEVEL_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=rating.level,
                widget=forms.RadioSelect,
            )
            self.fields[note] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=5000,
                initial=rating.note,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[evidence] = forms.CharField(
                label=_("Evidence"),
                help_text=_("Documents, figures or decisions that show it."),
                required=False,
                max_length=5000,
                initial=rating.evidence,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            question_fields = []
            for question in kf.questions.all():
                name = f"answer_{question.pk}"
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=5000,
                    initial=answers.get(question.pk, ""),
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                question_fields.append((question, name))
            self.factor_fields.append(
                {
                    "key_factor": kf,
                    "level": level,
                    "note": note,
                    "evidence": evidence,
                    "questions": question_fields,
                }
            )

        for field in self.fields.values():
            field.validators.append(reject_nul)
            group_length_limits(field)

    def factor_groups(self):
        """Bound fields grouped per key factor, for the template."""
        for group in self.factor_fields:
            yield {
                "key_factor": group["key_factor"],
                "level": self[group["level"]],
                "note": self[group["note"]],
                "evidence": self[group["evidence"]],
                "questions": [(q, self[name]) for q, name in group["questions"]],
            }

    def ratings_data(self):
        return {
            g["key_factor"].pk: {
                "level": self.cleaned_data[g["level"]],
                "note": self.cleaned_data[g["note"]],
                "evidence": self.cleaned_data[g["evidence"]],
            }
            for g in self.factor_fields
        }

    def answers_data(self):
        return {
            q.pk: self.cleaned_data[name]
            for g in self.factor_fields
            for q, name in g["questions"]
        }
