"""Partners support schemes: a technical partner or a method coordinator
(a participation of either role) is attached to every scheme of its
programme (``all_schemes``) or to chosen ones (``PartnerScheme``). Existing
participations support no scheme: nobody reads more than before.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('schemes', '0018_scope_review_strategy'),
    ]

    operations = [
        migrations.AddField(
            model_name='participation',
            name='all_schemes',
            field=models.BooleanField(default=False, verbose_name='supports every scheme of the programme'),
        ),
        migrations.AlterField(
            model_name='participation',
            name='role',
            field=models.CharField(choices=[('coordinator', 'Coordinator'), ('mentor_city', 'Mentor city'), ('mentee_city', 'Mentee city'), ('city', 'Participating city'), ('association', 'Association'), ('technical_partner', 'Technical partner'), ('method_coordinator', 'Method coordinator')], max_length=30, verbose_name='role'),
        ),
        migrations.CreateModel(
            name='PartnerScheme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('participation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scheme_links', to='schemes.participation', verbose_name='partner')),
                ('scheme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='partner_links', to='schemes.scheme', verbose_name='scheme')),
            ],
            options={
                'verbose_name': 'scheme a partner supports',
                'verbose_name_plural': 'schemes partners support',
                'ordering': ['participation', 'scheme'],
            },
        ),
        migrations.AddField(
            model_name='participation',
            name='schemes',
            field=models.ManyToManyField(blank=True, related_name='partner_participations', through='schemes.PartnerScheme', to='schemes.scheme', verbose_name='schemes it supports'),
        ),
        migrations.AddConstraint(
            model_name='partnerscheme',
            constraint=models.UniqueConstraint(fields=('participation', 'scheme'), name='unique_partner_scheme'),
        ),
    ]
