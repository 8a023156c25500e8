//! Validation: resident ID numbers, phones, amounts, and drafts that report every field error at once.

use casebook::domain::contact::{mask_id_number, Phone, PhoneError, ResidentId, ResidentIdError};
use casebook::domain::dispute::DisputeClassError;
use casebook::domain::money::{AmountError, Fen};
use casebook::domain::party::{AgeGroup, Birth, Gender};
use casebook::domain::time::DateError;
use casebook::domain::validate::{
    check_case, validate_lead, validate_mediator, validate_org_unit, validate_party,
    validate_registration, validate_screening, validate_triage, DisputeDraft, FieldError,
    FieldErrorCode, FindingDraft, IdDocDraft, LeadDraft, MediatorDraft, OrgUnitDraft, PartyDraft,
    RegistrationDraft, RelativeDraft, RepresentativeDraft, ScreeningDraft, TriageDraft,
};
use casebook::domain::{Date, Status};
use proptest::prelude::*;

use super::support::case_in;

fn today() -> Date {
    Date::from_ymd(2026, 3, 2).expect("date")
}

fn codes(errors: &[FieldError]) -> Vec<(&str, FieldErrorCode)> {
    errors
        .iter()
        .map(|e| (e.path.as_str(), e.code.clone()))
        .collect()
}

// --- Resident ID numbers (GB 11643-1999) ----------------------------------------------------

#[test]
fn the_standard_s_own_example_number_is_valid() {
    let id = ResidentId::parse("11010519491231002X").expect("valid");
    assert_eq!(id.birth_date(), Date::from_ymd(1949, 12, 31));
    assert!(!id.is_male(), "sequence 002 is even: a woman");
    assert!(ResidentId::parse("440304199001011233")
        .expect("valid")
        .is_male());
}

#[test]
fn a_lowercase_x_and_spaces_are_accepted_and_normalised() {
    let id = ResidentId::parse(" 110105 19491231 002x ").expect("valid");
    assert_eq!(id.as_str(), "11010519491231002X");
}

#[test]
fn each_kind_of_bad_resident_id_number_has_its_own_error() {
    let cases = [
        ("11010519491231002", ResidentIdError::WrongLength),
        ("1101051949123100Y2", ResidentIdError::BadCharacter),
        ("11010519491231002Y", ResidentIdError::BadCharacter),
        ("000000199001011234", ResidentIdError::ZeroRegion),
        ("110105199902301234", ResidentIdError::BadBirthDate),
        ("110105194912310021", ResidentIdError::BadChecksum),
    ];
    for (raw, error) in cases {
        assert_eq!(ResidentId::parse(raw), Err(error), "{raw}");
    }
}

proptest! {
    #[test]
    fn any_seventeen_digits_with_a_real_birth_date_and_their_check_character_are_valid(
        region in 100_000u32..999_999,
        day in 0i64..40_000,
        sequence in 0u32..1000,
        wrong in 0usize..10,
    ) {
        let birth = Date::from_ymd(1920, 1, 1).expect("date").add_days(day).expect("date");
        let first17 = format!(
            "{region}{:04}{:02}{:02}{sequence:03}",
            birth.year(),
            birth.month(),
            birth.day()
        );
        let check = ResidentId::check_char(&first17).expect("17 digits");
        let id = ResidentId::parse(&format!("{first17}{check}")).expect("valid");
        prop_assert_eq!(id.birth_date(), Some(birth));
        let other = "0123456789X".chars().filter(|c| *c != check).nth(wrong).expect("char");
        prop_assert_eq!(ResidentId::parse(&format!("{first17}{other}")), Err(ResidentIdError::BadChecksum));
    }
}

#[test]
fn id_numbers_are_shown_masked() {
    assert_eq!(mask_id_number("11010519491231002X"), "110***********002X");
    assert_eq!(
        ResidentId::parse("440304199001011233")
            .expect("id")
            .masked(),
        "440***********1233"
    );
    assert_eq!(mask_id_number("E1234567"), "******67");
}

// --- Phones ---------------------------------------------------------------------------------

#[test]
fn mobile_numbers_are_eleven_digits_starting_13_to_19() {
    for raw in [
        "13812345678",
        "138 1234 5678",
        "+86 138-1234-5678",
        "008619912345678",
    ] {
        let phone = Phone::parse(raw).unwrap_or_else(|e| panic!("{raw}: {e:?}"));
        assert!(matches!(phone, Phone::Mobile(_)), "{raw}");
    }
    assert_eq!(
        Phone::parse("12812345678"),
        Err(PhoneError::NotAMobileNumber)
    );
    assert_eq!(
        Phone::parse("1381234567"),
        Err(PhoneError::NotAMobileNumber)
    );
    assert_eq!(
        Phone::parse("138123456789"),
        Err(PhoneError::NotAMobileNumber)
    );
}

#[test]
fn landlines_need_an_area_code_and_may_have_an_extension() {
    let cases = [
        ("010-62345678", "010-62345678"),
        ("0755 2345678", "0755-2345678"),
        ("01062345678", "010-62345678"),
        ("02162345678", "021-62345678"),
        ("075523456789", "0755-23456789"),
        ("010-62345678-123", "010-62345678-123"),
        ("010-62345678 ext 12", "010-62345678-12"),
        ("010-62345678转8", "010-62345678-8"),
    ];
    for (raw, shown) in cases {
        assert_eq!(
            Phone::parse(raw).map(|p| p.to_string()),
            Ok(shown.to_owned()),
            "{raw}"
        );
    }
    assert_eq!(Phone::parse("031-62345678"), Err(PhoneError::BadAreaCode));
    assert_eq!(Phone::parse("010-123456"), Err(PhoneError::BadLocalNumber));
    assert_eq!(
        Phone::parse("010-12345678"),
        Err(PhoneError::BadLocalNumber)
    );
    assert_eq!(
        Phone::parse("010-62345678-1234567"),
        Err(PhoneError::BadExtension)
    );
    assert_eq!(Phone::parse("62345678"), Err(PhoneError::Unrecognised));
    assert_eq!(Phone::parse("tel 138"), Err(PhoneError::BadCharacter));
    assert_eq!(Phone::parse(" "), Err(PhoneError::Empty));
}

#[test]
fn phones_are_shown_masked_and_matched_by_dial_digits() {
    let mobile = Phone::parse("13812345678").expect("phone");
    assert_eq!(mobile.masked(), "138****5678");
    let landline = Phone::parse("010-62345678-9").expect("phone");
    assert_eq!(landline.masked(), "010-****5678");
    assert_eq!(landline.dial_digits(), "01062345678");
}

// --- Amounts --------------------------------------------------------------------------------

#[test]
fn amounts_in_yuan_become_whole_fen() {
    assert_eq!(Fen::parse_yuan("1,200.5").map(Fen::as_fen), Ok(120_050));
    assert_eq!(Fen::parse_yuan("￥300").map(Fen::as_fen), Ok(30_000));
    assert_eq!(Fen::parse_yuan("0.05").map(Fen::as_fen), Ok(5));
    assert_eq!(Fen::parse_yuan("1.234"), Err(AmountError::Format));
    assert_eq!(Fen::parse_yuan("-1"), Err(AmountError::Negative));
    assert_eq!(Fen::parse_yuan("abc"), Err(AmountError::Format));
    assert_eq!(
        Fen::parse_yuan("99999999999999999999"),
        Err(AmountError::TooLarge)
    );
    assert_eq!(Fen::new(120_050).expect("fen").to_string(), "1200.50");
}

// --- Drafts ---------------------------------------------------------------------------------

fn party_draft(id: &str, role: &str, name: &str) -> PartyDraft {
    PartyDraft {
        id: id.to_owned(),
        kind: "NATURAL".to_owned(),
        role: role.to_owned(),
        name: name.to_owned(),
        ..PartyDraft::default()
    }
}

fn registration_draft() -> RegistrationDraft {
    RegistrationDraft {
        org_unit: "u-1".to_owned(),
        source: "APPLICATION".to_owned(),
        channel: "VISIT".to_owned(),
        first_contact: "m-1".to_owned(),
        dispute: DisputeDraft {
            dispute_type: "LL".to_owned(),
            ..DisputeDraft::default()
        },
        summary: "邻里纠纷".to_owned(),
        claims: vec!["赔偿".to_owned(), "  ".to_owned()],
        amount_yuan: "1500".to_owned(),
        basis: "WRITTEN_APPLICATION".to_owned(),
        parties: vec![
            party_draft("p-1", "APPLICANT", "张三"),
            party_draft("p-2", "RESPONDENT", "李四"),
        ],
        ..RegistrationDraft::default()
    }
}

#[test]
fn a_complete_registration_draft_validates() {
    let valid = validate_registration(&registration_draft(), today()).expect("valid");
    assert_eq!(valid.intake.claims, vec!["赔偿".to_owned()]);
    assert_eq!(valid.intake.amount.map(Fen::as_fen), Some(150_000));
    assert_eq!(valid.intake.parties.len(), 2);
}

#[test]
fn a_registration_draft_reports_every_field_error_at_once_with_paths() {
    let mut draft = registration_draft();
    draft.source = "NOPE".to_owned();
    draft.summary = String::new();
    draft.amount_yuan = "12.345".to_owned();
    draft.dispute = DisputeDraft {
        dispute_type: "QT".to_owned(),
        ..DisputeDraft::default()
    };
    draft.parties[1].phone = "12345".to_owned();
    draft.parties[1].id_doc = IdDocDraft {
        kind: "RESIDENT_ID".to_owned(),
        number: "110105194912310021".to_owned(),
    };
    let errors = validate_registration(&draft, today()).expect_err("invalid");
    assert_eq!(
        codes(&errors),
        vec![
            ("source", FieldErrorCode::UnknownChoice),
            (
                "dispute.label",
                FieldErrorCode::Dispute(DisputeClassError::OtherNeedsLabel)
            ),
            ("summary", FieldErrorCode::Required),
            ("amount_yuan", FieldErrorCode::Amount(AmountError::Format)),
            (
                "parties[1].phone",
                FieldErrorCode::Phone(PhoneError::NotAMobileNumber)
            ),
            (
                "parties[1].id_doc.number",
                FieldErrorCode::ResidentId(ResidentIdError::BadChecksum)
            ),
        ]
    );
}

#[test]
fn registration_rules_on_parties_show_with_the_field_errors() {
    let mut draft = registration_draft();
    draft.parties = vec![party_draft("p-2", "RESPONDENT", "李四")];
    draft.source = "INITIATIVE".to_owned();
    let errors = validate_registration(&draft, today()).expect_err("invalid");
    assert_eq!(
        codes(&errors),
        vec![
            ("parties", FieldErrorCode::ApplicantRequired),
            ("source", FieldErrorCode::SourceContradictsBasis),
        ]
    );
    draft.parties.clear();
    draft.summary.clear();
    let errors = validate_registration(&draft, today()).expect_err("invalid");
    assert_eq!(
        codes(&errors),
        vec![
            ("summary", FieldErrorCode::Required),
            ("parties", FieldErrorCode::PartyRequired)
        ]
    );
}

#[test]
fn a_qt_dispute_needs_a_label_and_a_sub_type_must_belong_to_its_type() {
    let mut draft = TriageDraft {
        dispute: DisputeDraft {
            dispute_type: "QT".to_owned(),
            sub_type: String::new(),
            label: "村务公开".to_owned(),
        },
        tier: "SIMPLE".to_owned(),
        risk_level: "GREEN".to_owned(),
        risk_flags: vec![],
        handling_level: "VILLAGE".to_owned(),
    };
    assert_eq!(
        validate_triage(&draft).map(|t| t.dispute.label().map(str::to_owned)),
        Ok(Some("村务公开".to_owned()))
    );
    draft.dispute = DisputeDraft {
        dispute_type: "LD".to_owned(),
        sub_type: "HY.MARRIAGE".to_owned(),
        label: "leftover".to_owned(),
    };
    assert_eq!(
        validate_triage(&draft).map(|_| ()),
        Err(vec![FieldError::new(
            "dispute.sub_type",
            FieldErrorCode::Dispute(DisputeClassError::SubTypeOfAnotherType)
        )])
    );
}

#[test]
fn triage_needs_type_tier_risk_level_and_handling_level() {
    let errors = validate_triage(&TriageDraft::default()).expect_err("invalid");
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        ["dispute.type", "tier", "risk_level", "handling_level"]
    );
    assert!(errors.iter().all(|e| e.code == FieldErrorCode::Required));
}

#[test]
fn a_minor_needs_a_legal_representative() {
    let mut draft = party_draft("p-1", "APPLICANT", "小明");
    draft.birth_date = "2015-06-01".to_owned();
    assert_eq!(
        validate_party(&draft, today()).map(|_| ()),
        Err(vec![FieldError::new(
            "legal_rep",
            FieldErrorCode::MinorNeedsLegalRepresentative
        )])
    );
    draft.legal_rep = Some(RepresentativeDraft {
        name: "明妈".to_owned(),
        relation: "母亲".to_owned(),
        ..RepresentativeDraft::default()
    });
    let party = validate_party(&draft, today()).expect("valid");
    assert_eq!(party.age_group, AgeGroup::Under14);
    assert!(party.is_minor());
}

#[test]
fn the_age_group_follows_the_birth_date_or_age_and_contradictions_are_reported() {
    let mut draft = party_draft("p-1", "APPLICANT", "甲");
    draft.age = "16".to_owned();
    draft.legal_rep = Some(RepresentativeDraft {
        name: "父".to_owned(),
        ..RepresentativeDraft::default()
    });
    assert_eq!(
        validate_party(&draft, today()).map(|p| p.age_group),
        Ok(AgeGroup::Minor)
    );
    draft.age_group = "ADULT".to_owned();
    assert_eq!(
        validate_party(&draft, today()).map(|_| ()),
        Err(vec![FieldError::new(
            "age_group",
            FieldErrorCode::AgeGroupContradictsAge
        )])
    );
    draft.age_group.clear();
    draft.birth_date = "2010-01-01".to_owned();
    assert_eq!(
        validate_party(&draft, today()).map(|_| ()),
        Err(vec![FieldError::new(
            "age",
            FieldErrorCode::BirthDateAndAge
        )])
    );
}

#[test]
fn the_resident_id_number_fills_and_checks_birth_date_and_gender() {
    let mut draft = party_draft("p-1", "APPLICANT", "甲");
    draft.id_doc = IdDocDraft {
        kind: "RESIDENT_ID".to_owned(),
        number: "11010519491231002x".to_owned(),
    };
    let party = validate_party(&draft, today()).expect("valid");
    assert_eq!(
        party.birth,
        Some(Birth::Date(Date::from_ymd(1949, 12, 31).expect("date")))
    );
    assert_eq!(
        party.id_doc.map(|d| d.number),
        Some("11010519491231002X".to_owned())
    );
    draft.birth_date = "1950-01-01".to_owned();
    draft.gender = Gender::Male.code().to_owned();
    assert_eq!(
        codes(&validate_party(&draft, today()).expect_err("invalid")),
        vec![
            ("birth_date", FieldErrorCode::BirthDateContradictsIdNumber),
            ("gender", FieldErrorCode::GenderContradictsIdNumber),
        ]
    );
}

#[test]
fn birth_dates_in_the_future_or_impossible_are_refused() {
    let mut draft = party_draft("p-1", "APPLICANT", "甲");
    draft.birth_date = "2030-01-01".to_owned();
    assert_eq!(
        validate_party(&draft, today()).map(|_| ()),
        Err(vec![FieldError::new(
            "birth_date",
            FieldErrorCode::FutureDate
        )])
    );
    draft.birth_date = "2001-02-29".to_owned();
    assert_eq!(
        validate_party(&draft, today()).map(|_| ()),
        Err(vec![FieldError::new(
            "birth_date",
            FieldErrorCode::Date(DateError::NoSuchDay)
        )])
    );
}

#[test]
fn organisations_skip_personal_fields_and_may_name_their_representative() {
    let mut draft = party_draft("p-1", "RESPONDENT", "某物业公司");
    draft.kind = "LEGAL".to_owned();
    draft.birth_date = "2015-06-01".to_owned();
    draft.id_doc = IdDocDraft {
        kind: "USCC".to_owned(),
        number: "91110000 1234".to_owned(),
    };
    draft.org_rep = Some(casebook::domain::validate::OrgRepresentativeDraft {
        name: "王经理".to_owned(),
        title: "总经理".to_owned(),
    });
    let party = validate_party(&draft, today()).expect("valid");
    assert_eq!((party.birth, party.age_group), (None, AgeGroup::Adult));
    assert_eq!(
        party.id_doc.map(|d| d.number),
        Some("911100001234".to_owned())
    );
    assert_eq!(party.org_rep.map(|r| r.name), Some("王经理".to_owned()));
}

#[test]
fn long_text_is_refused_with_its_limit() {
    let mut draft = party_draft("p-1", "APPLICANT", &"名".repeat(51));
    draft.id.clear();
    assert_eq!(
        codes(&validate_party(&draft, today()).expect_err("invalid")),
        vec![
            ("id", FieldErrorCode::Required),
            ("name", FieldErrorCode::TooLong { max: 50 })
        ]
    );
}

#[test]
fn a_screening_needs_findings_or_an_explicit_zero_report() {
    let mut draft = ScreeningDraft {
        id: "s-1".to_owned(),
        org_unit: "u-1".to_owned(),
        date: "2026-03-01".to_owned(),
        kind: "REGULAR".to_owned(),
        area: "一组".to_owned(),
        screeners: vec!["m-1".to_owned()],
        ..ScreeningDraft::default()
    };
    assert_eq!(
        validate_screening(&draft, today()).map(|_| ()),
        Err(vec![FieldError::new(
            "findings",
            FieldErrorCode::FindingsOrZeroReport
        )])
    );
    draft.zero_report = true;
    assert!(validate_screening(&draft, today())
        .expect("zero report")
        .is_zero_report());
    draft.findings = vec![FindingDraft {
        description: "地界争议".to_owned(),
        ..FindingDraft::default()
    }];
    assert_eq!(
        validate_screening(&draft, today()).map(|_| ()),
        Err(vec![FieldError::new(
            "zero_report",
            FieldErrorCode::ZeroReportWithFindings
        )])
    );
    draft.zero_report = false;
    assert_eq!(
        validate_screening(&draft, today()).map(|s| s.findings().len()),
        Ok(1)
    );
}

#[test]
fn a_lead_draft_needs_unit_channel_and_description() {
    let errors = validate_lead(&LeadDraft {
        screening: "s-1".to_owned(),
        ..LeadDraft::default()
    })
    .expect_err("invalid");
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["org_unit", "channel", "description", "finding"]);
    let lead = validate_lead(&LeadDraft {
        org_unit: "u-1".to_owned(),
        channel: "SCREENING".to_owned(),
        description: "田埂纠纷".to_owned(),
        screening: "s-1".to_owned(),
        finding: "0".to_owned(),
        persons: vec!["王五".to_owned(), String::new()],
        ..LeadDraft::default()
    })
    .expect("valid");
    assert_eq!(lead.finding.map(|f| f.finding), Some(0));
    assert_eq!(lead.persons, vec!["王五".to_owned()]);
}

#[test]
fn org_unit_and_mediator_drafts_validate_levels_prefixes_and_relatives() {
    let mut unit = OrgUnitDraft {
        id: "u-1".to_owned(),
        name: "某村人民调解委员会".to_owned(),
        kind: "VILLAGE".to_owned(),
        level: "7".to_owned(),
        case_no_prefix: "某村(".to_owned(),
        ..OrgUnitDraft::default()
    };
    assert_eq!(
        codes(&validate_org_unit(&unit).expect_err("invalid")),
        vec![
            ("level", FieldErrorCode::OutOfRange),
            ("case_no_prefix", FieldErrorCode::BadPrefix)
        ]
    );
    unit.level = "3".to_owned();
    unit.case_no_prefix = "某村".to_owned();
    assert_eq!(validate_org_unit(&unit).map(|u| u.level.get()), Ok(3));
    let mediator = MediatorDraft {
        id: "m-1".to_owned(),
        name: "周调解".to_owned(),
        org_unit: "u-1".to_owned(),
        role: "DIRECTOR".to_owned(),
        relatives: vec![RelativeDraft {
            name: "周妻".to_owned(),
            relation: "WIFE".to_owned(),
            ..RelativeDraft::default()
        }],
        ..MediatorDraft::default()
    };
    assert_eq!(
        validate_mediator(&mediator).map(|_| ()),
        Err(vec![FieldError::new(
            "relatives[0].relation",
            FieldErrorCode::UnknownChoice
        )])
    );
}

#[test]
fn drafts_survive_a_json_round_trip_even_half_filled() {
    let draft = registration_draft();
    let text = serde_json::to_string(&draft).expect("serialise");
    assert_eq!(
        serde_json::from_str::<RegistrationDraft>(&text).expect("parse"),
        draft
    );
    let partial: RegistrationDraft = serde_json::from_str(r#"{"summary":"半截"}"#).expect("parse");
    assert_eq!(partial.summary, "半截");
}

#[test]
fn field_error_codes_are_stable_strings_for_message_keys() {
    assert_eq!(FieldErrorCode::Required.code(), "REQUIRED");
    assert_eq!(FieldErrorCode::TooLong { max: 5 }.code(), "TOO_LONG");
    assert_eq!(
        FieldErrorCode::Phone(PhoneError::NotAMobileNumber).code(),
        "PHONE.NOT_A_MOBILE_NUMBER"
    );
    assert_eq!(
        FieldErrorCode::ResidentId(ResidentIdError::BadChecksum).code(),
        "RESIDENT_ID.BAD_CHECKSUM"
    );
    assert_eq!(
        FieldErrorCode::MinorNeedsLegalRepresentative.code(),
        "MINOR_NEEDS_LEGAL_REPRESENTATIVE"
    );
}

#[test]
fn each_status_requires_its_fields() {
    let (_, mut state) = case_in(Status::Assigned);
    assert_eq!(check_case(&state), vec![]);
    state.tier = None;
    state.presiding = None;
    state.parties.retain(|p| p.id.as_str() != "p-1");
    assert_eq!(
        codes(&check_case(&state)),
        vec![
            ("parties", FieldErrorCode::ApplicantRequired),
            ("tier", FieldErrorCode::Required),
            ("presiding", FieldErrorCode::Required),
        ]
    );
    let (_, lead) = case_in(Status::Lead);
    assert_eq!(check_case(&lead), vec![]);
}

#[test]
fn a_party_round_trips_through_its_edit_form_unchanged() {
    use casebook::domain::contact::Phone;
    use casebook::domain::party::{Birth, IdDocKind, IdDocument, Representative};
    use casebook::domain::validate::{validate_party, PartyDraft};
    use casebook::domain::Date;
    let mut party =
        super::support::party("p-1", casebook::domain::party::PartyRole::Applicant, "张三");
    party.phone = Some(Phone::parse("13800138000").expect("phone"));
    party.address = Some("东城村3组".to_owned());
    party.occupation = Some("农民".to_owned());
    party.ethnicity = Some("汉族".to_owned());
    party.birth = Some(Birth::Date(Date::from_ymd(1990, 3, 7).expect("date")));
    party.id_doc = Some(IdDocument {
        kind: IdDocKind::Passport,
        number: "E12345678".to_owned(),
    });
    party.legal_rep = Some(Representative {
        name: "张父".to_owned(),
        relation: Some("父亲".to_owned()),
        phone: None,
        id_doc: None,
    });
    let today = Date::from_ymd(2026, 3, 2).expect("today");
    let again = validate_party(&PartyDraft::of(&party), today).expect("valid");
    assert_eq!(again, party);
}
