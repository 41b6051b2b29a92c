"""
English editions in the demo: two approved (an exemplar, a campaign), one waiting for the
Office (the collective exemplar). Idempotent: an existing English edition is left alone.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from exemplar_pages import demo
from exemplar_pages.models import AwardForm, CampaignPage, ExemplarPage

from . import services

ENGLISH = {
    "Cá nhân mẫu A (dữ liệu mẫu)": "Sample individual A (sample data)",
    "ca-nhan-mau-a-du-lieu-mau": "sample-individual-a",
    "Kiểm sát viên (dữ liệu mẫu)": "Procurator (sample data)",
    "Dữ liệu mẫu, không phải người có thật: đại diện cho một trong 04 cá nhân của Viện KSND hai cấp tỉnh Bình Thuận được Chủ tịch UBND tỉnh tặng Bằng khen năm 2024.": (
        "Sample data, not a real person: one of the 4 individuals of the two-level People's Procuracy "
        "of Bình Thuận province awarded a Certificate of Merit by the Chairman of the Provincial "
        "People's Committee in 2024."
    ),
    "2024": "2024",
    "Thành tích xuất sắc trong chỉ đạo, tham gia đấu tranh, triệt phá các chuyên án lớn của tỉnh Bình Thuận năm 2024.": (
        "Outstanding achievements in directing and taking part in the fight against, and the "
        "dismantling of, major criminal cases in Bình Thuận province in 2024."
    ),
    "Được Chủ tịch UBND tỉnh Bình Thuận tặng Bằng khen (Quyết định số 1879/QĐ-UBND ngày 25/10/2024).": (
        "Awarded a Certificate of Merit by the Chairman of the People's Committee of Bình Thuận "
        "province (Decision No. 1879/QĐ-UBND of 25/10/2024)."
    ),
    "Phát huy vai trò, trách nhiệm, bản lĩnh trong công tác đấu tranh phòng chống tội phạm.": (
        "Showed commitment, responsibility and courage in the fight against crime."
    ),
    "Hồ sơ này là dữ liệu mẫu để minh họa hệ thống. Nội dung dựa trên tin bài của Viện KSND tỉnh Bình Thuận về việc thực hiện Kế hoạch số 293/KH-VKS ngày 10/4/2023 về tuyên truyền, giới thiệu gương điển hình tiên tiến; tin bài không nêu tên các tập thể, cá nhân được khen thưởng.": (
        "This profile is sample data illustrating the system. It is based on an article of the "
        "People's Procuracy of Bình Thuận province on carrying out Plan No. 293/KH-VKS of "
        "10/4/2023 on promoting advanced exemplars; the article does not name the collectives "
        "and individuals rewarded."
    ),
    "Năm 2024, 01 tập thể và 04 cá nhân của Viện KSND hai cấp tỉnh Bình Thuận có thành tích xuất sắc trong chỉ đạo, tham gia đấu tranh, triệt phá các chuyên án lớn của tỉnh, được Chủ tịch UBND tỉnh Bình Thuận tặng Bằng khen (Quyết định số 1136/QĐ-UBND ngày 03/6/2024 và Quyết định số 1879/QĐ-UBND ngày 25/10/2024).": (
        "In 2024, one collective and four individuals of the two-level People's Procuracy of Bình "
        "Thuận province, for outstanding achievements in directing and taking part in the fight "
        "against major criminal cases of the province, were awarded Certificates of Merit by the "
        "Chairman of the Provincial People's Committee (Decisions No. 1136/QĐ-UBND of 03/6/2024 "
        "and No. 1879/QĐ-UBND of 25/10/2024)."
    ),
    "Tập thể mẫu của VKSND tỉnh Bình Thuận (dữ liệu mẫu)": (
        "Sample collective of the People's Procuracy of Bình Thuận province (sample data)"
    ),
    "tap-the-mau-du-lieu-mau": "sample-collective",
    # The awards' words and the portrait's alternative text are translated too.
    "Bằng khen của Chủ tịch UBND tỉnh Bình Thuận": (
        "Certificate of Merit of the Chairman of the People's Committee of Bình Thuận province"
    ),
    "Chủ tịch Ủy ban nhân dân tỉnh Bình Thuận": "Chairman of the People's Committee of Bình Thuận province",
    "Ảnh minh họa (dữ liệu mẫu)": "Illustration (sample data)",
    "Dữ liệu mẫu, không phải tập thể có thật: đại diện cho 01 tập thể của Viện KSND tỉnh Bình Thuận được Chủ tịch UBND tỉnh tặng Bằng khen năm 2024 vì thành tích xuất sắc trong đấu tranh, triệt phá các chuyên án lớn của tỉnh.": (
        "Sample data, not a real collective: the collective of the People's Procuracy of Bình Thuận "
        "province awarded a Certificate of Merit by the Chairman of the Provincial People's "
        "Committee in 2024 for outstanding achievements against major criminal cases."
    ),
    "Được Chủ tịch UBND tỉnh Bình Thuận tặng Bằng khen (Quyết định số 1136/QĐ-UBND ngày 03/06/2024).": (
        "Awarded a Certificate of Merit by the Chairman of the People's Committee of Bình Thuận "
        "province (Decision No. 1136/QĐ-UBND of 03/06/2024)."
    ),
    "Hưởng ứng tích cực các phong trào thi đua, có sáng kiến, giải pháp khắc phục khó khăn, lựa chọn khâu đột phá.": (
        "Took an active part in emulation campaigns, with initiatives and solutions to overcome "
        "difficulties and well-chosen breakthroughs."
    ),
    "Phong trào thi đua yêu nước năm 2023 trong ngành Kiểm sát nhân dân": (
        "2023 Patriotic Emulation Campaign of the People's Procuracy"
    ),
    "phong-trao-thi-dua-yeu-nuoc-nam-2023": "patriotic-emulation-campaign-2023",
    "Đoàn kết, gương mẫu, trách nhiệm, vượt khó, hoàn thành xuất sắc nhiệm vụ năm 2023": (
        "Solidarity, exemplary conduct, responsibility, overcoming difficulties, excellent "
        "fulfilment of the tasks of 2023"
    ),
    "Đoàn kết, trách nhiệm - kỷ cương, liêm chính - bản lĩnh, hiệu quả": (
        "Solidarity, responsibility and discipline, integrity and courage, effectiveness"
    ),
    "Viện trưởng VKSND tối cao ban hành Chỉ thị số 02/CT-VKSTC ngày 27/12/2022 phát động phong trào thi đua yêu nước trong ngành Kiểm sát nhân dân năm 2023.": (
        "The Prosecutor General of the Supreme People's Procuracy issued Directive No. 02/CT-VKSTC "
        "of 27/12/2022 launching the 2023 patriotic emulation campaign of the People's Procuracy."
    ),
    "Chủ đề thi đua, Chỉ thị số 02/CT-VKSTC ngày 27/12/2022": (
        "Theme of the campaign, Directive No. 02/CT-VKSTC of 27/12/2022"
    ),
    "Năm 2023, ngành Kiểm sát nhân dân tiếp tục phát huy những thành tích đã đạt được, đoàn kết, nỗ lực phấn đấu hơn nữa nhằm mang lại hiệu quả thiết thực, góp phần hoàn thành xuất sắc các chỉ tiêu nhiệm vụ. Lãnh đạo các cấp Kiểm sát gương mẫu đi đầu, “công việc làm trước, khen thưởng nhận sau”; thi đua gắn với kết quả chuyên môn và là sự đóng góp những kinh nghiệm, cách làm hay nhằm giải quyết thực tiễn công tác của Ngành, đơn vị.": (
        "In 2023 the People's Procuracy builds on its achievements, united and striving further for "
        "practical results and the excellent fulfilment of its targets. Leaders at every level set "
        "the example, \u201cwork first, rewards later\u201d; emulation goes with professional results and "
        "shares experience and good practice that solve the practical problems of the sector and "
        "its units."
    ),
    "Thủ trưởng đơn vị, người đứng đầu Viện kiểm sát các cấp chủ động xây dựng kế hoạch phát động, triển khai các phong trào thi đua gắn với chức trách, nhiệm vụ của đơn vị, hướng tới xây dựng đội ngũ công chức, viên chức, người lao động gương mẫu, tận tụy, trách nhiệm, kỷ cương theo phương châm công tác “Đoàn kết, trách nhiệm - kỷ cương, liêm chính - bản lĩnh, hiệu quả”. Các cụm, khối thi đua tăng cường phối hợp, giao lưu, chia sẻ kinh nghiệm.": (
        "Heads of units and of procuracies at every level plan and launch emulation campaigns tied "
        "to their units' duties, to build a staff that is exemplary, dedicated, responsible and "
        "disciplined, following the motto \u201cSolidarity, responsibility and discipline, integrity "
        "and courage, effectiveness\u201d. Emulation clusters and blocks work together more closely "
        "and share their experience."
    ),
    "Công tác khen thưởng phải bảo đảm khách quan, kịp thời, công khai, minh bạch, công bằng; quan tâm khen thưởng tập thể nhỏ và cá nhân trực tiếp thực thi nhiệm vụ; chú trọng khen thưởng đột xuất, phát hiện, lựa chọn các cá nhân, tập thể có sáng kiến, thành tích xuất sắc.": (
        "Rewards must be objective, timely, public, transparent and fair; small collectives and "
        "individuals who carry out the work directly are rewarded too; ad hoc rewards go to "
        "individuals and collectives found to have initiatives and outstanding achievements."
    ),
    "Báo Bảo vệ pháp luật, Tạp chí Kiểm sát, Cổng thông tin điện tử của Ngành và trang thông tin điện tử của các đơn vị tăng thời lượng, xây dựng chuyên mục về hoạt động thi đua, khen thưởng, tấm gương người tốt, việc tốt. Vụ Thi đua - Khen thưởng tổng hợp, báo cáo Hội đồng xét, đề nghị công nhận sáng kiến Ngành lựa chọn những kinh nghiệm, cách làm hay để phổ biến.": (
        "The Law Protection newspaper, the Procuracy Journal, the sector's web portal and the units' "
        "websites give more room to emulation, rewards and good examples, with their own sections. "
        "The Emulation and Commendation Department reports to the sector's Initiatives Council, which "
        "chooses experience and good practice to spread."
    ),
}


def _fill(translation: Translation) -> int:
    """
    Store the English of every source string; a string missing here makes the demo fail
    at submission (services.Untranslated) instead of shipping Vietnamese in English.
    """
    filled = 0
    segments = StringSegment.objects.filter(source=translation.source).select_related("string", "context")
    # Awards added by an emulation round are titled with their form's name: its English name
    # is in the translated vocabulary.
    english_forms = dict(
        AwardForm.objects.filter(locale=translation.target_locale).values_list("translation_key", "name")
    )
    forms = {
        name: english_forms[key]
        for key, name in AwardForm.objects.filter(locale=translation.source.locale).values_list(
            "translation_key", "name"
        )
        if key in english_forms
    }
    for segment in segments:
        english = ENGLISH.get(segment.string.data) or forms.get(segment.string.data)
        if english is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": english, "translation_type": "manual"},
        )
        filled += 1
    return filled


@transaction.atomic
def load_demo_translations() -> int:
    """Returns how many English editions were created."""
    en = Locale.objects.get(language_code=services.TRANSLATION_LOCALE)
    User = get_user_model()
    translator = (
        User.objects.filter(username="tapchi").first() or User.objects.filter(is_superuser=True).first()
    )
    office = (
        User.objects.filter(username="vanphong").first() or User.objects.filter(is_superuser=True).first()
    )
    wanted = [
        (ExemplarPage, demo.EXEMPLAR_INDIVIDUAL_A_SLUG, True),
        (CampaignPage, demo.CAMPAIGN_2023_SLUG, True),
        (ExemplarPage, demo.EXEMPLAR_COLLECTIVE_SLUG, False),
    ]
    created = 0
    for model, slug, approve in wanted:
        source = model.objects.filter(slug=slug, locale__language_code="vi").first()
        if source is None or source.get_translation_or_none(en) is not None:
            continue
        TranslationCreator(translator, [en]).create_translations(source)
        translation = Translation.objects.get(source__object_id=source.translation_key, target_locale=en)
        _fill(translation)
        page = services.submit_for_review(translation, translator)
        if approve:
            page.current_workflow_state.current_task_state.approve(user=office)
        created += 1
    return created
