"""The partner sync models now belong to partners/ (see partners/migrations/0001): state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('content_api', '0004_change_type_deleted_label'),
        ('partners', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveField(
                model_name='webhookdelivery',
                name='event',
            ),
            migrations.RemoveField(
                model_name='partner',
                name='channels',
            ),
            migrations.RemoveField(
                model_name='partner',
                name='service_account',
            ),
            migrations.RemoveField(
                model_name='partnertoken',
                name='partner',
            ),
            migrations.RemoveField(
                model_name='webhooksubscription',
                name='partner',
            ),
            migrations.RemoveField(
                model_name='partnertoken',
                name='token',
            ),
            migrations.RemoveField(
                model_name='webhookattempt',
                name='delivery',
            ),
            migrations.RemoveField(
                model_name='webhookdelivery',
                name='subscription',
            ),
            migrations.DeleteModel(
                name='ChangeEvent',
            ),
            migrations.DeleteModel(
                name='Partner',
            ),
            migrations.DeleteModel(
                name='PartnerToken',
            ),
            migrations.DeleteModel(
                name='WebhookAttempt',
            ),
            migrations.DeleteModel(
                name='WebhookDelivery',
            ),
            migrations.DeleteModel(
                name='WebhookSubscription',
            ),
            ],
            database_operations=[],
        ),
    ]
