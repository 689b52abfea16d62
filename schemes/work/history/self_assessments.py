"""History adapter of the self-assessment (``schemes.work.models.self_assessments``)."""

from django.utils.translation import gettext as _

from benchmarks.models import GuidingQuestion, KeyFactor
from schemes.models import Level, QuestionAnswer, SelfAssessment
from schemes.work.history import Tracked
from schemes.work.history.diff import change


class SelfAssessmentHistory(Tracked):
    model = SelfAssessment

    def prime(self, contents, names):
        ratings = [x for c in contents for x in c.get("ratings", [])]
        names.prime(KeyFactor, {r["key_factor"] for r in ratings})
        names.prime(
            GuidingQuestion,
            {int(q) for r in ratings for q in r.get("answers", {})},
        )

    def child_changes(self, old, new, names):
        levels = dict(Level.choices)
        before = {r["key_factor"]: r for r in old.get("ratings", [])}
        changes = []
        for rating in new.get("ratings", []):
            was = before.get(rating["key_factor"], {})
            factor = names(KeyFactor, rating["key_factor"])
            if was.get("level") != rating["level"]:
                changes.append(
                    change(
                        f"{factor} – {_('level')}",
                        levels.get(was.get("level"), ""),
                        levels.get(rating["level"], ""),
                    )
                )
            for key, label in (("note", _("note")), ("evidence", _("evidence"))):
                if (was.get(key) or "") != (rating[key] or ""):
                    changes.append(
                        change(f"{factor} – {label}", was.get(key), rating[key])
                    )
            old_answers = was.get("answers", {})
            for question, text in rating.get("answers", {}).items():
                if (old_answers.get(question) or "") != (text or ""):
                    changes.append(
                        change(
                            names(GuidingQuestion, int(question)),
                            old_answers.get(question),
                            text,
                        )
                    )
        return changes

    def restore_children(self, obj, children):
        by_factor = {r.key_factor_id: r for r in obj.ratings.all()}
        answers = {
            a.question_id: a
            for a in QuestionAnswer.objects.filter(rating__assessment=obj)
        }
        for values in children.get("ratings", []):
            rating = by_factor.get(values["key_factor"])
            if rating is None:
                continue
            rating.level = values["level"]
            rating.note = values["note"] or ""
            rating.evidence = values["evidence"] or ""
            rating.save()
            for question, text in values.get("answers", {}).items():
                answer = answers.get(int(question))
                if answer is not None:
                    answer.text = text or ""
                    answer.save(update_fields=["text"])
                elif (
                    text
                    and GuidingQuestion.objects.filter(
                        pk=int(question), key_factor_id=rating.key_factor_id
                    ).exists()
                ):
                    QuestionAnswer.objects.create(
                        rating=rating, question_id=int(question), text=text
                    )
