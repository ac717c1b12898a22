"""Name comparison: what must count as one person, what must not, and why (the reasons are
shown to paralegals in IDN001 findings)."""
import pytest

from validator.parse.names import clean_name, compare_names, display_name, is_latin, looks_like_name, name_tokens

SAME = [
    ("Priya Sharma", "PRIYA SHARMA"),
    ("Priya Sharma", "Sharma, Priya"),
    ("Priya Anika Sharma", "SHARMA<<PRIYA<ANIKA"),
    ("Priya A. Sharma", "Priya Anika Sharma"),
    ("Priya Sharma", "Priya Anika Sharma"),
    ("Jean-Luc Martin", "Jean Luc Martin"),
    ("Jean-Luc Picard", "Jeanluc Picard"),
    ("José García", "Jose Garcia"),
    ("Ana María López", "ANA MARIA LOPEZ"),
    ("Zoë Dubois", "ZOE DUBOIS"),
    ("Anne-Marie Lefèvre", "Anne Marie Lefevre"),
    ("Mohammed Ali Khan", "Muhammad Ali Khan"),
    ("Mohamed Salah", "Mohammad Salah"),
    ("Mohd Faizal", "Mohammed Faizal"),
    ("Youssef El Amrani", "Yusuf El Amrani"),
    ("Aleksandr Volkov", "Alexander Volkov"),
    ("Alexandre Dumas", "Alexander Dumas"),
    ("Sergei Ivanov", "Sergey Ivanov"),
    ("Andrei Popescu", "Andrey Popescu"),
    ("Dmitry Petrov", "Dmitri Petrov"),
    ("Natalya Volkova", "Natalia Volkova"),
    ("Nataliya Volkova", "Natalia Volkova"),
    ("Tatiana Sokolova", "Tatyana Sokolova"),
    ("Yevgeny Orlov", "Evgeni Orlov"),
    ("Wladimir Nowak", "Vladimir Novak"),
    ("Philip Moreau", "Filip Moreau"),
    ("Katherine Smith", "Catherine Smith"),
    ("Siddharth Rao", "Sidharth Rao"),
    ("Sangeeta Iyer", "Sangita Iyer"),
    ("Pooja Nair", "Puja Nair"),
    ("Hans Müller", "MUELLER<<HANS"),
    ("Björn Andersson", "BJOERN ANDERSSON"),
    ("Chaudhary Amit", "Amit Choudhary"),
    ("Mr. Rohan Sharma", "Rohan Sharma"),
    ("Dr Priya Sharma", "Priya Sharma"),
    ("Ms. Emma Louise Thompson", "THOMPSON, EMMA L."),
    ("O'Brien, Sean", "Sean OBrien"),
    ("Li Wei", "Wei Li"),
    ("Jose Reyes Dela Cruz", "Jose Dela Cruz"),
    ("Jose Dela Cruz", "Jose Delacruz"),
    ("Eriksson, Anna Maria", "ERIKSSON<<ANNA<MARIA<<<<<<"),
    ("Volkov Aleksandr Sergeevich", "Alexander Volkov"),
]

DIFFERENT = [
    ("Priya Sharma", "Pooja Sharma"),
    ("Priya Sharma", "Priya Verma"),
    ("Priya Sharma", "Sharma Priyanka"),
    ("Rohan Sharma", "Rohit Sharma"),
    ("Anika Sharma", "Anita Sharma"),
    ("Aarav Sharma", "Arjun Sharma"),
    ("Maria Santos", "Mario Santos"),
    ("Jean Martin", "Jeanne Martin"),
    ("Daniel Kim", "Daniela Kim"),
    ("Oliver Thompson", "Olivia Thompson"),
    ("Emma Thompson", "Emily Thompson"),
    ("Lucas Martin", "Louis Martin"),
    ("Ali Khan", "Ali Kahn"),
    ("John Smith", "Jon Smyth"),
    ("Priya A. Sharma", "Priya B. Sharma"),
    ("Priya A. Sharma", "Priya Kavya Sharma"),
    ("Sergei Ivanov", "Sergei Ivanova"),
    ("Aleksandr Volkov", "Aleksandra Volkova"),
    ("Alexander Volkov", "Alexei Volkov"),
    ("Natalia Volkova", "Natasha Volkova"),
    ("Hans Müller", "Hans Miller"),
    ("Mohammed Ali", "Ahmed Ali"),
    ("Yusuf Demir", "Yunus Demir"),
    ("Ravi Kumar", "Ravi Kumari"),
    ("Camille Dubois", "Camille Dupont"),
    ("Pierre Lefèvre", "Pierre Lefebvre"),
    ("Ivan Petrov", "Ivan Petrenko"),
    ("Jose Dela Cruz", "Jose Santos"),
    ("Chen Wei", "Ken Wei"),
    ("Juan Perez", "Yuan Perez"),
    ("Kim Nguyen", "Kim Tran"),
    ("Rohan Mehta", "Mehta"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_person(a, b):
    verdict = compare_names(a, b)
    assert verdict.same is True, verdict.reason
    assert compare_names(b, a).same is True


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_people(a, b):
    verdict = compare_names(a, b)
    assert verdict.same is False, verdict.reason
    assert verdict.reason.startswith(f"differs: '{a}' vs '{b}'")
    assert compare_names(b, a).same is False


def test_the_tables_are_large_enough():
    assert len(SAME) >= 30 and len(DIFFERENT) >= 30


REASONS = [
    ("Priya Sharma", "PRIYA SHARMA", "same name"),
    ("Priya Anika Sharma", "SHARMA<<PRIYA<ANIKA", "same name"),
    ("Priya Sharma", "Sharma Priya", "same names in another order"),
    ("Priya Sharma", "Priya Anika Sharma", "middle name 'Anika' missing on one"),
    ("Priya Sharma Verma", "Priya Sharma", "name 'Verma' missing on one"),
    ("Priya A. Sharma", "Priya Anika Sharma", "initial 'A.' for 'Anika'"),
    ("Mohammed Khan", "Muhammad Khan", "spelling variant 'Mohammed' ~ 'Muhammad'"),
    ("Jose Dela Cruz", "Jose Delacruz", "'Dela Cruz' ~ 'Delacruz' written as one word"),
    ("Priya Sharma", "Pooja Sharma", "differs: 'Priya Sharma' vs 'Pooja Sharma' ('Priya' / 'Pooja')"),
    ("Rohan Mehta", "Mehta", "differs: 'Rohan Mehta' vs 'Mehta' (only 'Mehta' in common)"),
]


@pytest.mark.parametrize(("a", "b", "reason"), REASONS)
def test_reasons_say_what_differs(a, b, reason):
    assert compare_names(a, b).reason == reason


NOT_COMPARABLE = [
    ("Дмитрий Волков", "Dmitri Volkov", "not comparable: 'Дмитрий Волков' is not in the Latin alphabet"),
    ("प्रिया शर्मा", "Priya Sharma", "not comparable: 'प्रिया शर्मा' is not in the Latin alphabet"),
    ("Priya Sharma", "李明", "not comparable: '李明' is not in the Latin alphabet"),
    ("", "Priya Sharma", "not comparable: a name is missing"),
    (None, "Priya Sharma", "not comparable: a name is missing"),
]


@pytest.mark.parametrize(("a", "b", "reason"), NOT_COMPARABLE)
def test_names_that_cannot_be_judged(a, b, reason):
    verdict = compare_names(a, b)
    assert verdict.same is None and not verdict.comparable and verdict.reason == reason


def test_a_single_name_matches_only_a_single_name():
    assert compare_names("Sukarno", "SUKARNO").same is True
    assert compare_names("Priya", "Priya Sharma").same is False


@pytest.mark.parametrize(("name", "tokens"), [
    ("Ms. Priya A. Sharma", ["priya", "a", "sharma"]),
    ("SHARMA<<PRIYA<ANIKA<<<<", ["priya", "anika", "sharma"]),
    ("Sharma, Priya", ["priya", "sharma"]),
    ("O'Brien-Smith, Seán Jr.", ["sean", "obrien", "smith"]),
    ("Łukasz Żółć", ["lukasz", "zolc"]),
])
def test_tokens(name, tokens):
    assert name_tokens(name) == tokens


@pytest.mark.parametrize(("raw", "shown"), [
    ("SHARMA<<PRIYA<ANIKA", "Priya Anika Sharma"),
    ("MARTIN, Jean-Luc", "Jean-Luc Martin"),
    ("Lucas Antoine MARTIN", "Lucas Antoine Martin"),
    ("O'BRIEN SEAN", "O'Brien Sean"),
    ("Mrs. Priya Sharma", "Priya Sharma"),
    ("Ronald McDonald", "Ronald McDonald"),
])
def test_display_name(raw, shown):
    assert display_name(raw) == shown


@pytest.mark.parametrize(("raw", "name"), [
    ("Priya Sharma, born 12 April 1990", "Priya Sharma"),
    ("SHARMA, Priya", "SHARMA, Priya"),
    ("DELA CRUZ, Jose", "DELA CRUZ, Jose"),
    ("Priya Sharma, Rohan Sharma", "Priya Sharma"),
    ("Rohan Sharma (father)", "Rohan Sharma"),
    ("ROHAN SHARMA S/O RAJESH SHARMA", "ROHAN SHARMA"),
    ("Jean-Luc MARTIN, né le 2 novembre 1985", "Jean-Luc MARTIN"),
    ("Son Heung Min", "Son Heung Min"),
    ("Волков Александр Сергеевич", "Волков Александр Сергеевич"),
    ("N/A", None),
    ("12 Juhu Tara Road", None),
    ("changes must be registered", None),
])
def test_clean_name(raw, name):
    assert clean_name(raw) == name


def test_is_latin_and_looks_like_name():
    assert is_latin("Zoë Ñúñez-Łukasz") and not is_latin("Мария")
    assert looks_like_name("Maria de la Cruz") and not looks_like_name("the applicant")
