import { detectLanguage } from './language.detector';

describe('detectLanguage', () => {
  it.each([
    ['Jeg så en mann som sto ved porten hele natten. Han hadde ikke lys på sykkelen.', 'nb'],
    ['Hei, naboen min har fått besøk av flere menn i dag. De bærer esker inn i garasjen.', 'nb'],
    ['Ring meg på 922 33 444 hvis dere trenger mer informasjon.', 'nb'],
    ['Eg såg ein mann som stod ved porten heile natta. Han hadde ikkje lys på sykkelen.', 'nn'],
    ['Naboen min har fått besøk av fleire menn i dag. Dei ber kassar inn i garasjen, og eg veit ikkje kva dei held på med.', 'nn'],
    ['Kva skjer her? Ho sa at dei kjem frå byen.', 'nn'],
    ['I saw a man standing by the gate all night. He did not have a light on his bike.', 'en'],
    ['Please find attached the report from our partner agency regarding the incident.', 'en'],
    ['Jag såg en man som stod vid grinden hela natten och han hade inte något ljus.', 'other'],
    ['Ich habe einen Mann gesehen, der die ganze Nacht am Tor stand, und er hatte kein Licht.', 'other'],
    ['رأيت رجلا يقف عند البوابة طوال الليل', 'other'],
    ['', 'other'],
    ['922 33 444', 'other'],
  ])('«%s» → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('is deterministic', () => {
    const text = 'Eg såg ein bil.';
    expect(new Set(Array.from({ length: 5 }, () => detectLanguage(text))).size).toBe(1);
  });
});
