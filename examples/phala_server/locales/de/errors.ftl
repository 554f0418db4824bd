# Die öffentlichen Meldungen der Phala Cloud API und ihrer HTTP-Schicht,
# auf Deutsch. Die ID jeder Meldung ist ihr Code; jeder Platzhalter ist
# eine Variable gleichen Namens. `.description` übersetzt die Beschreibung
# der Katalogseite.

## Modul 01: CVM API / Preflight
ERR-01-001 = Der angeforderte Knoten ist nicht verfügbar
    .description = Wird ausgelöst, wenn der angegebene Knoten nicht gefunden wird
ERR-01-002 = Die Anfrage enthält ungültige Parameter
    .description = Wird ausgelöst, wenn compose_file erforderlich ist, aber fehlt
ERR-01-003 = Die Docker-Compose-Datei enthält Fehler
    .description = Wird ausgelöst, wenn die Docker-Compose-Datei ungültig ist
ERR-01-004 = Eine CVM mit dem Namen „{ $name }“ existiert bereits
    .description = Wird ausgelöst, wenn ein CVM-Name im Arbeitsbereich bereits vergeben ist (HTTP 409)
ERR-01-005 = Der Compose-Hash muss on-chain registriert werden
    .description = Wird ausgelöst, wenn der Compose-Hash on-chain registriert werden muss (HTTP 465)
ERR-01-006 = Der angegebene Compose-Hash ist ungültig oder abgelaufen
    .description = Wird ausgelöst, wenn der Compose-Hash ungültig oder abgelaufen ist (HTTP 466)
ERR-01-007 = Die Überprüfung der Transaktion ist fehlgeschlagen
    .description = Wird ausgelöst, wenn die Überprüfung der Transaktion fehlschlägt (HTTP 467)
ERR-01-008 = Der Compose-Hash ist vom On-Chain-Vertrag nicht zugelassen
    .description = Wird ausgelöst, wenn der Vertrag den Compose-Hash nicht zulässt (HTTP 468)

## Modul 02: Inventar
ERR-02-001 = Der angeforderte Instanztyp existiert nicht
    .description = Wird ausgelöst, wenn ein angeforderter Instanztyp nicht gefunden wird.
ERR-02-002 = Keine verfügbaren Ressourcen entsprechen Ihren Anforderungen
    .description = Wird ausgelöst, wenn keine passenden Ressourcen gefunden werden
ERR-02-003 = Der gewählte Knoten hat nicht genug CPU-Kapazität
    .description = Wird ausgelöst, wenn der Teepod nicht genug vCPUs hat.
ERR-02-004 = Der gewählte Knoten hat nicht genug Arbeitsspeicher
    .description = Wird ausgelöst, wenn der Teepod nicht genug Arbeitsspeicher hat.
ERR-02-005 = Der gewählte Knoten hat seine maximale Kapazität erreicht
    .description = Wird ausgelöst, wenn der Teepod keine freien CVM-Plätze hat.
ERR-02-006 = Der gewählte Knoten hat nicht genug GPU-Ressourcen
    .description = Wird ausgelöst, wenn die GPU-Zuweisung fehlschlägt
ERR-02-007 = Der gewählte Knoten hat nicht genug GPU-Ressourcen
    .description = Wird ausgelöst, wenn der Teepod nicht genug GPU-Ressourcen hat.
ERR-02-008 = Die Anfrage enthält ungültige Parameter
    .description = Wird ausgelöst, wenn Parameter der Anfrage ungültig sind
ERR-02-009 = Die Konfigurationsparameter sind nicht miteinander vereinbar
    .description = Wird ausgelöst, wenn die Ressourcenkonfiguration nicht vereinbar ist
ERR-02-010 = Das angeforderte Betriebssystem-Image ist nicht verfügbar
    .description = Wird ausgelöst, wenn ein angefordertes Betriebssystem-Image nicht gefunden wird.
ERR-02-011 = Die angeforderte Sicherheitskonfiguration ist auf diesem Knoten nicht verfügbar
    .description = Wird ausgelöst, wenn auf dem Teepod kein passender KMS gefunden wird.
ERR-02-012 = Der angeforderte Knoten ist nicht verfügbar
    .description = Wird ausgelöst, wenn der Nutzer keinen Zugriff auf einen Teepod hat.
ERR-02-013 = Das angeforderte Betriebssystem-Image ist nicht verfügbar
    .description = Wird ausgelöst, wenn kein kompatibles Betriebssystem-Image gefunden wird.
ERR-02-014 = Der angeforderte Knoten ist nicht verfügbar
    .description = Wird ausgelöst, wenn die Kapazität des Knotens nicht richtig konfiguriert ist.
ERR-02-015 = Ihr Konto hat sein Ressourcenkontingent erreicht
    .description = Wird ausgelöst, wenn das Ressourcenkontingent des Teams überschritten würde.

## Modul 03: CVM-Betrieb
ERR-03-001 = Die angeforderte CVM wurde nicht gefunden
    .description = Wird ausgelöst, wenn zu der angegebenen Kennung keine CVM gefunden wird.
ERR-03-002 = Mehrere CVMs in diesem Arbeitsbereich haben denselben Namen
    .description = Wird ausgelöst, wenn mehrere CVMs eines Arbeitsbereichs denselben Namen haben.
ERR-03-005 = Die angeforderte CVM wurde nicht gefunden
    .description = Wird ausgelöst, wenn dem Nutzer die Berechtigung für die CVM-Operation fehlt.

## Modul 04: Arbeitsbereich
ERR-04-001 = Ihr Kontoguthaben reicht nicht aus, um neue Ressourcen anzulegen
    .description = Wird ausgelöst, wenn das Kontoguthaben zu niedrig ist
ERR-04-002 = Ihr Konto hat die Höchstzahl an Instanzen erreicht
    .description = Wird ausgelöst, wenn die Höchstzahl an VMs erreicht ist
ERR-04-003 = Die angeforderten Ressourcen überschreiten die Grenzen Ihres Kontos
    .description = Wird ausgelöst, wenn Ressourcengrenzen überschritten werden

## Die HTTP-Schicht
HTTP-404 = Keine Route hat diesen Pfad
HTTP-405 = Diese Route nimmt diese Methode nicht an
HTTP-408 = Die Anfrage hat zu lange gedauert
HTTP-413 = Der Rumpf der Anfrage ist größer als { $limit } Bytes
