"""
The partner sync models moved here from content_api (their tables were created by
content_api's migrations 0001 and 0003): this migration only tells Django's state that they
live here now, and 0002 renames the tables and moves their content types.
"""

import django.db.models.deletion
import partners.models.webhooks
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cms', '0004_unit_english_names'),
        ('wagtailcore', '0098_apitoken'),
        ('content_api', '0004_change_type_deleted_label'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='ChangeEvent',
                fields=[
                    ('id', models.BigAutoField(primary_key=True, serialize=False)),
                    ('change', models.CharField(choices=[('created', 'Đăng mới'), ('updated', 'Cập nhật'), ('unpublished', 'Gỡ xuống'), ('deleted', 'Đã xóa')], max_length=20)),
                    ('kind', models.CharField(max_length=20)),
                    ('page_id', models.PositiveBigIntegerField()),
                    ('locale', models.CharField(max_length=16)),
                    ('occurred_at', models.DateTimeField(auto_now_add=True)),
                    ('channels_after', models.ManyToManyField(blank=True, related_name='+', to='cms.channel')),
                    ('channels_before', models.ManyToManyField(blank=True, related_name='+', to='cms.channel')),
                ],
                options={
                    'verbose_name': 'thay đổi nội dung',
                    'verbose_name_plural': 'nhật ký thay đổi nội dung',
                    'db_table': 'content_api_changeevent',
                },
            ),
            migrations.CreateModel(
                name='Partner',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200, unique=True, verbose_name='tên đối tác')),
                    ('contact_name', models.CharField(blank=True, max_length=200, verbose_name='người liên hệ')),
                    ('contact_email', models.EmailField(blank=True, help_text='Nhận thông báo về khóa API và sự cố.', max_length=254, verbose_name='thư điện tử liên hệ')),
                    ('rate_limit', models.PositiveIntegerField(default=600, help_text='Số yêu cầu tối đa mỗi phút; vượt quá sẽ nhận mã 429.', verbose_name='giới hạn truy vấn mỗi phút')),
                    ('is_active', models.BooleanField(default=True, help_text='Bỏ chọn để tạm dừng mọi khóa API của đối tác.', verbose_name='đang hoạt động')),
                    ('can_preview', models.BooleanField(default=False, help_text='Cho phép đối tác xem trước nội dung đang chờ duyệt qua liên kết có thời hạn.', verbose_name='được xem trước')),
                    ('preview_url', models.URLField(blank=True, help_text='Trang xem trước trên hệ thống của đối tác; liên kết gửi đi thêm các tham số token, id và type, ví dụ: https://cong.example.vn/xem-truoc/', max_length=500, verbose_name='địa chỉ xem trước')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ngày tạo')),
                    ('channels', models.ManyToManyField(blank=True, help_text='Đối tác chỉ đọc được nội dung đã duyệt cho các kênh này.', related_name='partners', to='cms.channel', verbose_name='kênh được đọc')),
                    ('service_account', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='partner', to=settings.AUTH_USER_MODEL, verbose_name='tài khoản dịch vụ')),
                ],
                options={
                    'verbose_name': 'đối tác API',
                    'verbose_name_plural': 'đối tác API',
                    'db_table': 'content_api_partner',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='PartnerToken',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name='hết hạn lúc')),
                    ('partner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tokens', to='partners.partner')),
                    ('token', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='partner_token', to='wagtailcore.apitoken')),
                ],
                options={
                    'verbose_name': 'khóa API của đối tác',
                    'verbose_name_plural': 'khóa API của đối tác',
                    'db_table': 'content_api_partnertoken',
                    'ordering': ['-token__created'],
                },
            ),
            migrations.CreateModel(
                name='WebhookDelivery',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('message_id', models.CharField(max_length=64, unique=True, verbose_name='mã thông điệp')),
                    ('event_type', models.CharField(choices=[('content.published', 'Đăng mới (content.published)'), ('content.updated', 'Cập nhật (content.updated)'), ('content.unpublished', 'Gỡ xuống (content.unpublished)'), ('content.deleted', 'Xóa (content.deleted)')], max_length=40, verbose_name='sự kiện')),
                    ('payload', models.TextField(verbose_name='nội dung gửi')),
                    ('status', models.CharField(choices=[('pending', 'Đang chờ gửi'), ('succeeded', 'Đã gửi thành công'), ('failed', 'Thất bại, sẽ gửi lại'), ('gave_up', 'Đã ngừng gửi')], default='pending', max_length=20, verbose_name='trạng thái')),
                    ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='số lần gửi')),
                    ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='lần gửi tiếp theo')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                    ('event', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='partners.changeevent')),
                ],
                options={
                    'verbose_name': 'lần gửi webhook',
                    'verbose_name_plural': 'nhật ký gửi webhook',
                    'db_table': 'content_api_webhookdelivery',
                    'ordering': ['-created_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='WebhookAttempt',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('attempted_at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm')),
                    ('status_code', models.PositiveSmallIntegerField(null=True, verbose_name='mã trả về')),
                    ('latency_ms', models.PositiveIntegerField(default=0, verbose_name='thời gian (ms)')),
                    ('response_snippet', models.CharField(blank=True, max_length=500, verbose_name='trích phản hồi')),
                    ('error', models.CharField(blank=True, max_length=500, verbose_name='lỗi')),
                    ('delivery', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attempt_log', to='partners.webhookdelivery')),
                ],
                options={
                    'verbose_name': 'lần thử gửi',
                    'verbose_name_plural': 'các lần thử gửi',
                    'db_table': 'content_api_webhookattempt',
                    'ordering': ['-attempted_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='WebhookSubscription',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('url', models.URLField(help_text='Địa chỉ http(s) công khai của đối tác nhận thông báo.', max_length=500, verbose_name='địa chỉ nhận')),
                    ('events', models.JSONField(default=partners.models.webhooks.default_events, help_text='Các loại thay đổi được gửi tới địa chỉ này.', verbose_name='sự kiện')),
                    ('is_active', models.BooleanField(default=True, verbose_name='đang hoạt động')),
                    ('secret', models.CharField(default=partners.models.webhooks.new_secret, editable=False, max_length=100)),
                    ('previous_secret', models.CharField(blank=True, editable=False, max_length=100)),
                    ('previous_secret_expires_at', models.DateTimeField(blank=True, editable=False, null=True)),
                    ('disabled_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='tự động tắt lúc')),
                    ('disabled_reason', models.CharField(blank=True, editable=False, max_length=255, verbose_name='lý do tắt')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ngày tạo')),
                    ('partner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='subscriptions', to='partners.partner', verbose_name='đối tác')),
                ],
                options={
                    'verbose_name': 'đăng ký webhook',
                    'verbose_name_plural': 'đăng ký webhook',
                    'db_table': 'content_api_webhooksubscription',
                    'ordering': ['partner__name', 'url'],
                },
            ),
            migrations.AddField(
                model_name='webhookdelivery',
                name='subscription',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='partners.webhooksubscription'),
            ),
            migrations.AddIndex(
                model_name='changeevent',
                index=models.Index(fields=['page_id', 'id'], name='event_page'),
            ),
            migrations.AddIndex(
                model_name='webhookdelivery',
                index=models.Index(fields=['status', 'next_attempt_at'], name='delivery_due'),
            ),
            ],
            database_operations=[],
        ),
    ]
