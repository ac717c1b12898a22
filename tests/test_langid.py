"""Language identification on short official texts: en, fr, another language, or too little."""
import pytest

from validator.langid import detect_language, language_shares

SAMPLES = {
    "en": ("This is to certify that the particulars below are recorded in the register of births kept "
           "at this office.\nName: Priya Sharma\nDate of birth: 12/04/1990\nPlace of birth: New Delhi"),
    "fr": ("Nous certifions que les renseignements suivants sont inscrits au registre des naissances de la "
           "province.\nNom : Sophie Dubois\nDate de naissance : 03/02/1988\nLieu de naissance : Lyon"),
    "es": ("ACTA DE NACIMIENTO\nEn la ciudad de Guadalajara, Jalisco, compareció el señor Carlos Hernández López, "
           "quien presentó a una niña viva a quien se le puso por nombre Sofía.\nFecha de registro: 12/05/2018"),
    "de": ("Arbeitszeugnis\nFrau Anna Müller war vom 1. April 2018 bis zum 30. Juni 2023 in unserem Unternehmen "
           "als Softwareentwicklerin beschäftigt. Wir wünschen ihr für die Zukunft alles Gute."),
    "hi": ("जन्म प्रमाण पत्र\nयह प्रमाणित किया जाता है कि निम्नलिखित जानकारी जन्म के मूल अभिलेख से ली गई है।\n"
           "नाम: अनिका शर्मा\nजन्म तिथि: 05/05/2018\nपिता का नाम: राहुल शर्मा"),
    "zh": ("出生医学证明\n新生儿姓名：王小明\n性别：男\n出生时间：2018年5月5日\n"
           "出生地点：北京市海淀区\n母亲姓名：李华\n父亲姓名：王强"),
    "ar": "شهادة ميلاد\nالاسم: أحمد محمد علي\nتاريخ الميلاد: 05/05/1990\nمكان الميلاد: القاهرة\nاسم الأب: محمد علي",
    "ru": ("СВИДЕТЕЛЬСТВО О РОЖДЕНИИ\nИванов Иван Иванович родился 5 мая 1990 года в городе Москва.\n"
           "Отец: Иванов Иван Петрович"),
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_detects_the_language(language):
    assert detect_language(SAMPLES[language]) == language


def test_english_form_in_capitals_with_mrz_is_english():
    # Names in capitals and machine-readable zones once read as Nigerian Pidgin or Bikol.
    text = ("PASSPORT\nType P Country Code IND Passport No. Z1234567\nSurname SHARMA\nGiven Name(s) PRIYA\n"
            "Nationality INDIAN Sex F Date of Birth 12/04/1990\nPlace of Birth NEW DELHI\n"
            "P<INDSHARMA<<PRIYA<<<<<<<<<<<<<<<<<<<<<<<<<<\nZ1234567<4IND9004122F2805025<<<<<<<<<<<<<<06")
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "   \n", "Name: Priya Sharma\nDate: 12/04/1990\nSignature",
                                  "12/04/1990 4567890 Z1234567", "王小明 李华"])
def test_too_little_text_is_none(text):
    assert detect_language(text) is None


def test_bilingual_english_french_is_one_of_them():
    text = ("Certificate of Birth / Certificat de naissance\n"
            "This is to certify that the following particulars are recorded in the register of births.\n"
            "Nous certifions que les renseignements suivants sont inscrits au registre des naissances.\n"
            "Name / Nom: Sophie Dubois")
    assert detect_language(text) in ("en", "fr")
    shares = language_shares(text, ("en", "fr"))
    assert shares["en"] > 0.3 and shares["fr"] > 0.3


def test_shares_of_a_bilingual_spanish_english_text():
    text = ("ACTA DE NACIMIENTO / BIRTH CERTIFICATE\n"
            "En la ciudad de Guadalajara, Jalisco, compareció el señor Carlos Hernández López.\n"
            "In the city of Guadalajara, Jalisco, Mr. Carlos Hernández López appeared.\n"
            "Nombre / Name: Sofía Hernández García")
    assert detect_language(text) == "es"
    shares = language_shares(text, ("es", "en", "fr"))
    assert abs(sum(shares.values()) - 1) < 1e-9
    assert 0.3 < shares["en"] < 0.6


def test_shares_of_a_monolingual_text_go_to_its_language():
    assert language_shares(SAMPLES["de"], ("de", "en", "fr"))["de"] > 0.95
    assert language_shares(SAMPLES["hi"], ("hi", "en", "fr"))["hi"] == 1.0


def test_script_runs_are_judged_apart():
    # "Name:" is English, the name itself Devanagari: neither side swallows the other.
    shares = language_shares("Name: अनिका शर्मा", ("hi", "en"))
    assert shares["en"] > 0 and shares["hi"] > 0


def test_shares_of_nothing_and_of_unknown_languages():
    assert language_shares("12/04/1990", ("en", "fr")) == {"en": 0.0, "fr": 0.0}
    assert language_shares(SAMPLES["en"], ("xx", "en")) == {"en": 1.0}
