package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.InvalidValueException;

import java.util.Locale;

/**
 * The 55 medical specialties recognised by the Conselho Federal de Medicina (Resolução CFM 2.330/2023), coded in
 * UPPER_SNAKE_CASE without accents, each with its pt-BR display name.
 */
public enum Specialty {
    ACUPUNTURA("Acupuntura"),
    ALERGIA_E_IMUNOLOGIA("Alergia e Imunologia"),
    ANESTESIOLOGIA("Anestesiologia"),
    ANGIOLOGIA("Angiologia"),
    CARDIOLOGIA("Cardiologia"),
    CIRURGIA_CARDIOVASCULAR("Cirurgia Cardiovascular"),
    CIRURGIA_DA_MAO("Cirurgia da Mão"),
    CIRURGIA_DE_CABECA_E_PESCOCO("Cirurgia de Cabeça e Pescoço"),
    CIRURGIA_DO_APARELHO_DIGESTIVO("Cirurgia do Aparelho Digestivo"),
    CIRURGIA_GERAL("Cirurgia Geral"),
    CIRURGIA_ONCOLOGICA("Cirurgia Oncológica"),
    CIRURGIA_PEDIATRICA("Cirurgia Pediátrica"),
    CIRURGIA_PLASTICA("Cirurgia Plástica"),
    CIRURGIA_TORACICA("Cirurgia Torácica"),
    CIRURGIA_VASCULAR("Cirurgia Vascular"),
    CLINICA_MEDICA("Clínica Médica"),
    COLOPROCTOLOGIA("Coloproctologia"),
    DERMATOLOGIA("Dermatologia"),
    ENDOCRINOLOGIA_E_METABOLOGIA("Endocrinologia e Metabologia"),
    ENDOSCOPIA("Endoscopia"),
    GASTROENTEROLOGIA("Gastroenterologia"),
    GENETICA_MEDICA("Genética Médica"),
    GERIATRIA("Geriatria"),
    GINECOLOGIA_E_OBSTETRICIA("Ginecologia e Obstetrícia"),
    HEMATOLOGIA_E_HEMOTERAPIA("Hematologia e Hemoterapia"),
    HOMEOPATIA("Homeopatia"),
    INFECTOLOGIA("Infectologia"),
    MASTOLOGIA("Mastologia"),
    MEDICINA_DE_EMERGENCIA("Medicina de Emergência"),
    MEDICINA_DE_FAMILIA_E_COMUNIDADE("Medicina de Família e Comunidade"),
    MEDICINA_DO_TRABALHO("Medicina do Trabalho"),
    MEDICINA_DE_TRAFEGO("Medicina de Tráfego"),
    MEDICINA_ESPORTIVA("Medicina Esportiva"),
    MEDICINA_FISICA_E_REABILITACAO("Medicina Física e Reabilitação"),
    MEDICINA_INTENSIVA("Medicina Intensiva"),
    MEDICINA_LEGAL_E_PERICIA_MEDICA("Medicina Legal e Perícia Médica"),
    MEDICINA_NUCLEAR("Medicina Nuclear"),
    MEDICINA_PREVENTIVA_E_SOCIAL("Medicina Preventiva e Social"),
    NEFROLOGIA("Nefrologia"),
    NEUROCIRURGIA("Neurocirurgia"),
    NEUROLOGIA("Neurologia"),
    NUTROLOGIA("Nutrologia"),
    OFTALMOLOGIA("Oftalmologia"),
    ONCOLOGIA_CLINICA("Oncologia Clínica"),
    ORTOPEDIA_E_TRAUMATOLOGIA("Ortopedia e Traumatologia"),
    OTORRINOLARINGOLOGIA("Otorrinolaringologia"),
    PATOLOGIA("Patologia"),
    PATOLOGIA_CLINICA_MEDICINA_LABORATORIAL("Patologia Clínica/Medicina Laboratorial"),
    PEDIATRIA("Pediatria"),
    PNEUMOLOGIA("Pneumologia"),
    PSIQUIATRIA("Psiquiatria"),
    RADIOLOGIA_E_DIAGNOSTICO_POR_IMAGEM("Radiologia e Diagnóstico por Imagem"),
    RADIOTERAPIA("Radioterapia"),
    REUMATOLOGIA("Reumatologia"),
    UROLOGIA("Urologia");

    private final String displayName;

    Specialty(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public static Specialty parse(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidValueException("specialty-required", "specialty", "specialty is required");
        }
        try {
            return valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("specialty-unknown", "specialty", "specialty is not a CFM-recognised specialty code");
        }
    }
}
