/**
 * One tip about the same events told twice (shared by the API and browser tests of «sett før»):
 * about 190 words with a phone number and an IP address, and a copy with two words changed — a
 * near-duplicate at a few bits' distance.
 */
export const TITLE = 'Mistenkelig kartlegging av kraftstasjonen';
export const BODY = [
  'En vekter ved kraftstasjonen i Sauda meldte i natt om en mann som har fotografert porten og gjerdet flere kvelder på rad.',
  'Mannen kom hver gang i en grå varebil uten firmamerking og parkerte ved busslommen nord for anlegget.',
  'Han bar mørk jakke og lue, hadde en stor ryggsekk og noterte tidspunktene for vaktskiftet i en liten bok.',
  'Da vekteren gikk bort til ham, sa han at han var turist og interessert i gamle industribygg, men han kunne ikke vise legitimasjon.',
  'Senere samme kveld ringte en person fra 481 23 456 til sentralbordet og spurte om når strømmen ble koblet om til reservelinjen.',
  'Innringeren ville ikke oppgi navn og avsluttet samtalen da han ble spurt om hvorfor han trengte opplysningene.',
  'Vekteren fant dessuten at noen hadde forsøkt å logge inn på gjesteportalen fra adressen 203.0.113.77 flere ganger den siste uken.',
  'Det er også sett en drone over anlegget på kveldstid, uten at operatøren er funnet.',
  'Vi ber om en vurdering av om opplysningene er kjent fra før, og kan sende over videoopptak fra porten.',
  'Tipser kan kontaktes via operasjonssenteret ved behov for flere opplysninger om hendelsene.',
].join(' ');
export const EDITED_BODY = BODY.replace('grå varebil', 'hvit varebil').replace('flere kvelder', 'tre kvelder');
