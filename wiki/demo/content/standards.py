# ruff: noqa: E501
"""Demo competency standards: pure data, no Flask and no database.

Each standard's ``body`` is its first revision's Markdown, written to the project's standard
template; each ``DemoEdit`` is a later revision made by replacing substrings of the previous text.
All text is original, written for the demo.
"""

from dataclasses import dataclass

from wiki.demo.content.people import AUTOMOTRIZ, CAPACITACION, TURISMO


@dataclass(frozen=True)
class DemoEdit:
    """A later revision: ``(old, new)`` substrings applied in order to the previous text.

    Each ``old`` must occur exactly once in the text it is applied to.
    """

    author: str  # person key
    summary: str
    replacements: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DemoStandard:
    key: str
    committee: str  # DemoCommittee.key
    title: str
    language: str  # "es" | "en"
    level: int  # 1-5
    review_period_years: int
    certificate_validity_years: int
    occupations: tuple[str, ...]
    industry_code: str  # SCIAN-like, six digits
    organisations: tuple[str, ...]
    author: str  # person key: a non-observer member of the committee
    first_summary: str
    body: str  # the first revision's full Markdown
    edits: tuple[DemoEdit, ...]  # later revisions, in order
    outcome: str  # "draft" | "ballot" | "published" | "published_then_redraft"


def apply_edit(text: str, edit: DemoEdit) -> str:
    """The text after ``edit``; raises ``ValueError`` if an ``old`` does not occur exactly once."""
    for old, new in edit.replacements:
        count = text.count(old)
        if count != 1:
            raise ValueError(f"{old!r} occurs {count} times, expected exactly once")
        text = text.replace(old, new, 1)
    return text


def revision_texts(standard: DemoStandard) -> list[str]:
    """The body of every revision of ``standard``, first to last."""
    texts = [standard.body]
    for edit in standard.edits:
        texts.append(apply_edit(texts[-1], edit))
    return texts


# --- Turismo y Hospitalidad -------------------------------------------------------------

_COMENSALES = """\
## Propósito

Servir como referente para la evaluación y certificación de las personas que atienden a comensales en restaurantes, desde la recepción en la mesa hasta la despedida, así como orientar el diseño de programas de capacitación y la gestión del personal de servicio.

## Descripción

El estándar describe las funciones críticas del mesero o mesera: preparar el área de servicio, tomar y entregar la orden con cortesía y exactitud, y cerrar la cuenta. La evaluación se realiza en situación real de trabajo durante un turno, mediante la observación del desempeño, la revisión de los productos (comandas y cuentas) y un cuestionario sobre higiene y alérgenos.

## Nivel de competencia

Nivel 2. Desempeña actividades programadas, en su mayoría rutinarias y predecibles, con supervisión del capitán de meseros; recibe orientación general y resuelve por sí mismo los imprevistos más frecuentes del servicio.

## Elemento 1 de 2: E0411 Preparar el área de servicio del restaurante

### Desempeños

1. Verifica la limpieza del área asignada antes de la apertura:
   - revisa que mesas, sillas y cubremanteles estén limpios y sin daños;
   - reporta al capitán cualquier mobiliario roto o inseguro;
   - retira del área los objetos ajenos al servicio.
2. Monta las mesas conforme al tipo de servicio del turno:
   - coloca cubiertos, cristalería y servilletas según el diagrama de montaje;
   - alinea las sillas a la misma distancia de la mesa;
   - verifica que la loza no presente despostilladuras.
3. Abastece la estación de servicio:
   - surte cubiertos, servilletas, condimentos y charolas suficientes para el turno;
   - rotula y fecha los aderezos que se sirven a granel;
   - acomoda los insumos de modo que el acceso sea rápido y seguro.
4. Se presenta al turno con la higiene personal requerida:
   - porta el uniforme limpio y completo;
   - mantiene uñas cortas y el cabello recogido;
   - se lava las manos al iniciar el turno y después de manipular basura o dinero.

### Productos

1. El área de servicio montada:
   - corresponde al diagrama de montaje vigente;
   - está lista a la hora de apertura del restaurante.
2. La lista de verificación de apertura requisitada:
   - tiene fecha, turno y nombre de quien la llena;
   - registra las incidencias reportadas al capitán.

### Conocimientos

1. Tipos de servicio: americano, francés, ruso y bufé — Nivel: Comprensión
2. Prácticas de higiene en el manejo de alimentos y bebidas — Nivel: Aplicación
3. Montaje de mesa según el menú del día — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Orden: la manera en que acomoda los insumos de la estación y deja el área lista para el siguiente turno.
2. Limpieza: la manera en que cuida su presentación personal y la del área de servicio durante todo el turno.

### Glosario

1. **Estación de servicio**: mueble o área cercana a las mesas donde se guardan los insumos que el mesero necesita durante el turno.
2. **Montaje**: disposición de la loza, los cubiertos y la cristalería sobre la mesa antes de recibir a los comensales.
3. **Cubremantel**: tela que protege el mantel y se cambia después de cada servicio.

## Elemento 2 de 2: E0412 Atender al comensal durante su estancia

### Desempeños

1. Recibe al comensal en la mesa:
   - lo saluda en un plazo no mayor a dos minutos después de que toma asiento;
   - se presenta por su nombre y ofrece la carta de alimentos y la de bebidas;
   - ofrece agua o bebidas de cortesía según la política del establecimiento.
2. Toma la orden del comensal:
   - informa los platillos del día y los que no están disponibles;
   - pregunta por alergias o restricciones alimentarias antes de anotar la orden;
   - repite la orden completa al comensal para confirmarla.
3. Entrega los alimentos y bebidas:
   - sirve por el lado que indica el tipo de servicio;
   - nombra cada platillo al colocarlo frente a quien lo ordenó;
   - retira la loza sucia solo cuando todos los comensales de la mesa han terminado.
4. Atiende las quejas y solicitudes durante el servicio:
   - escucha la queja completa sin interrumpir;
   - ofrece una solución dentro de sus facultades o la canaliza al capitán;
   - informa al comensal lo que se hará y en cuánto tiempo.
5. Cierra la cuenta y despide al comensal:
   - entrega la cuenta únicamente cuando el comensal la solicita;
   - verifica que los consumos de la cuenta coincidan con la comanda;
   - agradece la visita e invita al comensal a regresar.

### Productos

1. La comanda elaborada:
   - indica número de mesa, número de comensales y hora;
   - señala las alergias o restricciones informadas por el comensal;
   - es legible para el personal de cocina y de barra.
2. La cuenta entregada:
   - coincide con los consumos registrados en la comanda;
   - desglosa impuestos y, en su caso, la propina sugerida conforme a la ley.

### Conocimientos

1. Ingredientes y forma de preparación de los platillos de la carta — Nivel: Comprensión
2. Alérgenos más comunes y la manera de informarlos a cocina — Nivel: Aplicación
3. Protocolo de atención de quejas del establecimiento — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Amabilidad: la manera en que saluda, escucha y se dirige al comensal durante toda su estancia.
2. Responsabilidad: la manera en que confirma la orden y verifica la cuenta antes de entregarla.
3. Tolerancia: la manera en que mantiene la cortesía ante comensales inconformes.

### Glosario

1. **Comanda**: nota en papel o en la terminal de punto de venta en la que el mesero registra la orden.
2. **Comensal**: persona que consume alimentos o bebidas en el restaurante.
3. **Capitán de meseros**: persona que supervisa el servicio en un área del restaurante.

## Referencias

- Manual de servicio del establecimiento, versión vigente.
- Lineamientos de higiene en el manejo de alimentos emitidos por la autoridad sanitaria.
"""

COMENSALES = DemoStandard(
    key="atencion-comensales",
    committee=TURISMO,
    title="Atención a comensales en restaurantes",
    language="es",
    level=2,
    review_period_years=3,
    certificate_validity_years=3,
    occupations=("Mesero", "Capitán de meseros", "Garrotero"),
    industry_code="722511",
    organisations=(
        "Asociación Mexicana de Restaurantes del Pacífico, A.C.",
        "Sindicato Nacional de Trabajadores Gastronómicos",
        "Instituto de Estudios Turísticos de Jalisco",
        "Secretaría de Turismo del Estado de Nayarit",
    ),
    author="jorge.munoz",
    first_summary="Primer borrador elaborado por el grupo técnico de expertos",
    body=_COMENSALES,
    edits=(
        DemoEdit(
            author="maria.jose.beltran",
            summary="Precisa el criterio de higiene según la retroalimentación del sector sindical",
            replacements=(
                (
                    "   - se lava las manos al iniciar el turno y después de manipular basura o dinero.",
                    "   - se lava las manos al iniciar el turno, después de cada descanso y después de manipular basura o dinero;\n"
                    "   - cubre con vendaje impermeable cualquier herida en las manos.",
                ),
            ),
        ),
        DemoEdit(
            author="emily.carter",
            summary="Agrega un subcriterio sobre la confirmación de alérgenos con cocina",
            replacements=(
                (
                    "   - repite la orden completa al comensal para confirmarla.",
                    "   - repite la orden completa al comensal para confirmarla;\n"
                    "   - confirma con cocina, antes de servir, que el platillo no contiene el alérgeno informado.",
                ),
            ),
        ),
        DemoEdit(
            author="lucia.hernandez",
            summary="Corrige la definición de comanda en el glosario",
            replacements=(
                (
                    "1. **Comanda**: nota en papel o en la terminal de punto de venta en la que el mesero registra la orden.",
                    "1. **Comanda**: nota en papel o en la terminal de punto de venta en la que el mesero registra la orden de la mesa; con ella cocina prepara los platillos y caja elabora la cuenta.",
                ),
            ),
        ),
    ),
    outcome="published",
)

_HABITACIONES = """\
## Propósito

Servir como referente para la evaluación y certificación de las personas que realizan la limpieza y el arreglo de habitaciones en hoteles, moteles y otros establecimientos de hospedaje, y como guía para la capacitación del personal del área de pisos.

## Descripción

El estándar comprende la preparación del carro de servicio y el arreglo de la habitación, ocupada o de salida, conforme a los procedimientos del establecimiento. La evaluación se realiza en el lugar de trabajo, observando el arreglo de al menos dos habitaciones y revisando el reporte de habitaciones entregado al supervisor de pisos.

## Nivel de competencia

Nivel 1. Desempeña actividades rutinarias y predecibles, siguiendo instrucciones precisas y bajo la supervisión directa del ama de llaves o del supervisor de pisos.

## Elemento 1 de 2: E0421 Preparar el carro de servicio de pisos

### Desempeños

1. Surte el carro de servicio al inicio del turno:
   - carga la blancos limpios según el número de habitaciones asignadas;
   - coloca los amenidades en el compartimento superior;
   - separa la bolsa de ropa sucia de la bolsa de basura.
2. Prepara los productos de limpieza:
   - utiliza únicamente productos con etiqueta y hoja de seguridad;
   - diluye los productos en la proporción que indica el fabricante;
   - guarda los productos químicos lejos de los blancos limpios.
3. Revisa el equipo de trabajo:
   - verifica que la aspiradora encienda y que su cable no esté dañado;
   - porta guantes y calzado antiderrapante.

### Productos

1. El carro de servicio surtido:
   - contiene blancos, amenidades y productos suficientes para las habitaciones asignadas;
   - mantiene separados los artículos limpios de los sucios.

### Conocimientos

1. Uso seguro de productos químicos de limpieza — Nivel: Aplicación
2. Dotación de blancos y amenidades por tipo de habitación — Nivel: Conocimiento

### Actitudes, hábitos y valores

1. Orden: la manera en que acomoda los artículos en el carro de servicio.

### Glosario

1. **Blancos**: sábanas, fundas, toallas y demás ropa de cama y de baño del hotel.
2. **Amenidades**: artículos de cortesía para el huésped, como jabón, champú y pañuelos.

## Elemento 2 de 2: E0422 Realizar el arreglo de la habitación

### Desempeños

1. Ingresa a la habitación conforme al protocolo:
   - toca la puerta y se anuncia en voz alta dos veces antes de abrir;
   - respeta el letrero de "No molestar";
   - deja la puerta abierta y el carro frente a ella durante el arreglo.
2. Tiende la cama:
   - retira los blancos usados sin sacudirlos;
   - coloca sábanas limpias sin arrugas y con las esquinas dobladas;
   - acomoda almohadas y cubrecama según el estándar de presentación del hotel.
3. Limpia el baño:
   - limpia el inodoro, el lavabo y la regadera con el paño y el producto asignados a cada superficie;
   - repone toallas, papel higiénico y amenidades;
   - seca pisos y espejos sin dejar marcas.
4. Limpia el área de la habitación:
   - sacude los muebles de arriba hacia abajo;
   - aspira alfombras y tapetes, incluso debajo de la cama;
   - vacía los cestos de basura y coloca bolsas nuevas.
5. Reporta las condiciones de la habitación:
   - informa los objetos olvidados por el huésped conforme al procedimiento de objetos perdidos;
   - reporta los desperfectos a mantenimiento a través del supervisor.

### Productos

1. La habitación arreglada:
   - cumple con la lista de verificación del estándar de presentación;
   - no presenta polvo, cabellos ni residuos visibles.
2. El reporte de habitaciones:
   - indica el número, el estado de ocupación y la hora de término de cada habitación;
   - registra los objetos olvidados y los desperfectos detectados.

### Conocimientos

1. Diferencia entre el arreglo de una habitación ocupada y una de salida — Nivel: Comprensión
2. Procedimiento de objetos perdidos y olvidados — Nivel: Aplicación
3. Prevención de riesgos ergonómicos al tender camas — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Honestidad: la manera en que entrega al supervisor los objetos olvidados por el huésped.
2. Discreción: la manera en que respeta la privacidad y las pertenencias del huésped.

### Glosario

1. **Habitación de salida**: habitación que el huésped ya desocupó y que debe prepararse para el siguiente.
2. **Ama de llaves**: responsable del área de pisos, de los blancos y de la limpieza del hotel.

## Referencias

- Procedimiento de objetos perdidos y olvidados del establecimiento.
- Hojas de datos de seguridad de los productos de limpieza utilizados.
"""

HABITACIONES = DemoStandard(
    key="limpieza-habitaciones",
    committee=TURISMO,
    title="Limpieza y arreglo de habitaciones en establecimientos de hospedaje",
    language="es",
    level=1,
    review_period_years=2,
    certificate_validity_years=3,
    occupations=("Camarista", "Recamarera", "Auxiliar de ama de llaves"),
    industry_code="721111",
    organisations=(
        "Grupo Hotelero Costa Esmeralda, S.A. de C.V.",
        "Sindicato Nacional de Trabajadores Gastronómicos",
        "Universidad Tecnológica de la Riviera",
    ),
    author="maria.jose.beltran",
    first_summary="Borrador inicial a partir del análisis funcional del área de pisos",
    body=_HABITACIONES,
    edits=(
        DemoEdit(
            author="sofia.acuna",
            summary="Corrige la concordancia de género en el primer desempeño",
            replacements=(
                ("   - carga la blancos limpios", "   - carga los blancos limpios"),
                ("   - coloca los amenidades", "   - coloca las amenidades"),
            ),
        ),
        DemoEdit(
            author="hector.salinas",
            summary="Agrega la ventilación del área al usar productos químicos",
            replacements=(
                (
                    "   - guarda los productos químicos lejos de los blancos limpios.",
                    "   - guarda los productos químicos lejos de los blancos limpios;\n"
                    "   - nunca mezcla productos con cloro y productos con amoniaco.",
                ),
            ),
        ),
        # after publication: the committee reopens the text for the next edition
        DemoEdit(
            author="lucia.hernandez",
            summary="Revisión periódica: incorpora el uso de sensores de ocupación y el ahorro de agua",
            replacements=(
                (
                    '   - respeta el letrero de "No molestar";',
                    '   - respeta el letrero de "No molestar" y el indicador electrónico de privacidad;',
                ),
                (
                    "   - repone toallas, papel higiénico y amenidades;",
                    "   - repone toallas, papel higiénico y amenidades;\n"
                    "   - cambia las toallas de una habitación ocupada solo si el huésped lo solicita, conforme al programa de ahorro de agua;",
                ),
            ),
        ),
    ),
    outcome="published_then_redraft",
)

_GUIAS = """\
## Propósito

Servir como referente para la evaluación y certificación de las personas que conducen grupos de visitantes en recorridos por sitios históricos, zonas arqueológicas y centros urbanos, y para orientar los programas de capacitación de guías de turistas.

## Descripción

El estándar describe la planeación del recorrido, la conducción del grupo y la interpretación del patrimonio cultural. La evaluación se realiza durante un recorrido real o simulado de al menos noventa minutos, con un grupo de no menos de seis personas, y mediante la revisión del guion del recorrido.

## Nivel de competencia

Nivel 3. Desempeña actividades variadas, algunas no rutinarias, con autonomía para decidir el ritmo y los ajustes del recorrido; es responsable de la seguridad y la experiencia del grupo a su cargo.

## Elemento 1 de 2: E0431 Planear el recorrido turístico cultural

### Desempeños

1. Investiga el sitio que va a interpretar:
   - consulta al menos dos fuentes confiables sobre la historia y el significado del sitio;
   - identifica las restricciones de acceso, horarios y reglas de conservación;
   - verifica los permisos vigentes para guiar en el sitio.
2. Elabora el itinerario:
   - define puntos de parada, tiempos y distancias;
   - prevé rutas alternas para personas con movilidad reducida;
   - incluye tiempos de descanso e hidratación.
3. Identifica los riesgos del recorrido:
   - localiza salidas, puntos de reunión y servicios médicos cercanos;
   - considera el clima de la temporada del año y la altitud del sitio.

### Productos

1. El guion del recorrido:
   - presenta una narrativa con introducción, desarrollo y cierre;
   - cita las fuentes consultadas;
   - indica tiempos y paradas.

### Conocimientos

1. Historia y patrimonio cultural de la región — Nivel: Comprensión
2. Reglamentos de visita a zonas arqueológicas y monumentos — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Responsabilidad: la manera en que verifica la información antes de presentarla al grupo.

### Glosario

1. **Guion del recorrido**: documento que ordena los temas, las paradas y los tiempos de la visita.
2. **Interpretación del patrimonio**: comunicación que ayuda al visitante a descubrir el significado de un lugar.

## Elemento 2 de 2: E0432 Conducir al grupo durante el recorrido

### Desempeños

1. Da la bienvenida al grupo:
   - se identifica con su credencial de guía vigente;
   - explica la duración, las paradas y las reglas del recorrido;
   - acuerda un punto de reunión en caso de que alguien se separe.
2. Interpreta el patrimonio durante las paradas:
   - relaciona los datos históricos con la experiencia de los visitantes;
   - adapta el lenguaje a la edad y los intereses del grupo;
   - responde las preguntas o se compromete a investigar la respuesta.
3. Cuida la seguridad del grupo:
   - cuenta a los integrantes al salir de cada parada;
   - se coloca en los puntos de mayor riesgo al cruzar calles o escalinatas;
   - aplica el protocolo de emergencia cuando alguien se lesiona.
4. Cierra el recorrido:
   - resume los temas principales;
   - recomienda servicios y sitios cercanos sin condicionar su elección;
   - solicita la evaluación del servicio a los visitantes.

### Productos

1. El reporte del recorrido:
   - registra el número de participantes, la hora de inicio y de término;
   - describe los incidentes y la forma en que se atendieron.

### Conocimientos

1. Técnicas de manejo de grupos — Nivel: Aplicación
2. Primeros auxilios básicos — Nivel: Aplicación
3. Principios de turismo sostenible — Nivel: Comprensión

### Actitudes, hábitos y valores

1. Respeto: la manera en que se dirige a visitantes de distintas culturas y creencias.
2. Iniciativa: la manera en que ajusta el recorrido ante cambios de clima o de afluencia.

### Glosario

1. **Punto de reunión**: lugar acordado con el grupo para reencontrarse si alguien se separa.
2. **Afluencia**: número de visitantes presentes en el sitio en un momento dado.

## Referencias

- Reglamento interno de visita de la zona arqueológica o monumento de que se trate.
"""

GUIAS = DemoStandard(
    key="guia-recorridos-culturales",
    committee=TURISMO,
    title="Conducción de grupos en recorridos turísticos culturales",
    language="es",
    level=3,
    review_period_years=3,
    certificate_validity_years=4,
    occupations=("Guía de turistas", "Guía especializado en temas culturales"),
    industry_code="561520",
    organisations=(
        "Colegio de Guías de Turistas de Oaxaca, A.C.",
        "Secretaría de Turismo del Estado de Nayarit",
        "Instituto de Estudios Turísticos de Jalisco",
    ),
    author="sofia.acuna",
    first_summary="Primer borrador del estándar de guías de turistas",
    body=_GUIAS,
    edits=(
        DemoEdit(
            author="hector.salinas",
            summary="Agrega la inclusión de visitantes con discapacidad a la bienvenida",
            replacements=(
                (
                    "   - acuerda un punto de reunión en caso de que alguien se separe.",
                    "   - acuerda un punto de reunión en caso de que alguien se separe;\n"
                    "   - pregunta si algún visitante requiere apoyo por discapacidad o condición de salud.",
                ),
            ),
        ),
        DemoEdit(
            author="jorge.munoz",
            summary="Amplía el conocimiento de historia a las lenguas y culturas indígenas",
            replacements=(
                (
                    "1. Historia y patrimonio cultural de la región — Nivel: Comprensión",
                    "1. Historia, lenguas y patrimonio cultural de los pueblos de la región — Nivel: Comprensión",
                ),
            ),
        ),
    ),
    outcome="draft",
)

_FRONT_DESK = """\
## Purpose

To serve as the reference for the assessment and certification of people who receive, register and check out hotel guests in English, and as a guide for training front-office staff in hotels that serve international visitors.

## Description

The standard covers the critical functions of the front desk: checking in a guest with a reservation or as a walk-in, handling requests during the stay, and checking the guest out. Assessment takes place at a real or simulated front desk, with an assessor playing English-speaking guests in at least three scenarios, and includes a review of the registration card and the guest folio.

## Competency level

Level 2. Carries out mostly routine and predictable activities under general supervision of the front-office manager; solves common problems on their own and refers exceptions.

## Element 1 of 2: E0441 Check in hotel guests

### Performance criteria

1. Greets the guest on arrival:
   - makes eye contact and greets the guest within thirty seconds of arrival;
   - uses the guest's name as soon as it is known;
   - offers assistance with luggage according to hotel policy.
2. Confirms the reservation:
   - finds the reservation by name or confirmation number;
   - confirms dates, room type, rate and number of guests aloud;
   - explains any difference between the booking and the room available.
3. Registers the guest:
   - requests an official identification and a guarantee of payment;
   - completes the registration card with the guest's data and signature;
   - explains the data-protection notice in plain English.
4. Hands over the room:
   - programmes and hands over the key cards;
   - explains breakfast times, Wi-Fi access and emergency exits;
   - offers to answer any questions before the guest leaves the desk.

### Products

1. The completed registration card:
   - contains the guest's full name, nationality, dates of stay and signature;
   - records the method of payment guarantee.

### Knowledge

1. Room types, rates and hotel services — Level: Comprehension
2. Data-protection rules for guest information — Level: Application
3. Hospitality vocabulary and courtesy phrases in English — Level: Application

### Attitudes, habits and values

1. Courtesy: the way in which the receptionist addresses the guest by name and with a friendly tone.
2. Discretion: the way in which the receptionist avoids saying the room number aloud.

### Glossary

1. **Walk-in**: a guest who arrives without a reservation.
2. **Registration card**: the form the guest signs on arrival, with their personal data and the terms of the stay.

## Element 2 of 2: E0442 Handle guest requests and check out

### Performance criteria

1. Handles guest requests during the stay:
   - listens to the request and repeats it to confirm understanding;
   - records the request in the property management system;
   - tells the guest who will handle it and when.
2. Handles complaints:
   - apologises without blaming other departments;
   - offers a solution within the receptionist's authority;
   - refers the complaint to the duty manager when it exceeds that authority.
3. Checks the guest out:
   - asks about the guest's stay and any pending charges;
   - presents the folio and explains each charge;
   - processes payment and delivers the invoice or receipt.
4. Closes the stay:
   - deactivates key cards and updates the room status;
   - thanks the guest and invites them to return.

### Products

1. The settled guest folio:
   - shows all charges and payments of the stay;
   - has a zero balance at check-out.
2. The request log entry:
   - records the time, the request and the person responsible.

### Knowledge

1. Check-out and billing procedure — Level: Application
2. Complaint-handling protocol — Level: Application

### Attitudes, habits and values

1. Patience: the way in which the receptionist listens to a complaint until the guest has finished.
2. Honesty: the way in which the receptionist explains every charge on the folio.

### Glossary

1. **Folio**: the guest's account, listing charges and payments during the stay.
2. **Property management system (PMS)**: the software used to manage reservations, rooms and guest accounts.

## References

- Hotel front-office procedures manual, current edition.
"""

FRONT_DESK = DemoStandard(
    key="front-desk-reception",
    committee=TURISMO,
    title="Front-desk reception of hotel guests in English",
    language="en",
    level=2,
    review_period_years=3,
    certificate_validity_years=3,
    occupations=("Front-desk receptionist", "Night auditor", "Guest services agent"),
    industry_code="721111",
    organisations=(
        "Grupo Hotelero Costa Esmeralda, S.A. de C.V.",
        "Caribbean Hospitality Institute",
        "Sindicato Nacional de Trabajadores Gastronómicos",
    ),
    author="emily.carter",
    first_summary="First draft for the English-language front-desk standard",
    body=_FRONT_DESK,
    edits=(
        DemoEdit(
            author="lucia.hernandez",
            summary="Adds an online check-in sub-criterion requested by the hotel chains",
            replacements=(
                (
                    "   - finds the reservation by name or confirmation number;",
                    "   - finds the reservation by name, confirmation number or online check-in code;",
                ),
            ),
        ),
        DemoEdit(
            author="maria.jose.beltran",
            summary="Clarifies the escalation criterion after feedback from the union sector",
            replacements=(
                (
                    "   - refers the complaint to the duty manager when it exceeds that authority.",
                    "   - refers the complaint to the duty manager when it exceeds that authority, and tells the guest the name of the manager who will follow up.",
                ),
            ),
        ),
    ),
    outcome="ballot",
)

# --- Industria automotriz ---------------------------------------------------------------

_SOLDADURA = """\
## Propósito

Servir como referente para la evaluación y certificación de las personas que sueldan componentes automotrices de acero mediante procesos de arco eléctrico, y orientar la capacitación de soldadores en las plantas de manufactura y en los proveedores de autopartes.

## Descripción

El estándar describe la preparación del equipo y de las piezas, la aplicación de cordones de soldadura conforme a la especificación del procedimiento y la inspección visual del resultado. La evaluación se realiza en el puesto de trabajo o en un taller equivalente: la persona candidata suelda al menos tres probetas y una pieza de producción, que se inspeccionan visualmente y mediante ensayo de doblez.

## Nivel de competencia

Nivel 3. Desempeña actividades variadas en contextos diversos, con autonomía para ajustar los parámetros del equipo dentro de la especificación y responsabilidad sobre la calidad de su propio trabajo.

## Elemento 1 de 3: E0511 Preparar el equipo y las piezas por soldar

### Desempeños

1. Interpreta la especificación del procedimiento de soldadura:
   - identifica el proceso, el material de aporte y la posición de soldadura;
   - identifica los rangos de corriente, voltaje y velocidad de avance;
   - consulta al supervisor cuando la especificación no corresponde a la pieza.
2. Prepara la fuente de poder y la antorcha:
   - verifica las conexiones de los cables y de la pinza de tierra;
   - ajusta los parámetros dentro de los rangos de la especificación;
   - verifica el flujo del gas de protección con el flujómetro.
3. Prepara las piezas:
   - limpia la zona de unión de óxido, grasa y pintura;
   - verifica la abertura de raíz y el bisel con el calibrador;
   - fija las piezas en el dispositivo de sujeción.

### Productos

1. La hoja de arranque del puesto requisitada:
   - registra los parámetros ajustados y el lote del material de aporte;
   - está firmada por el soldador y validada por el supervisor.

### Conocimientos

1. Simbología de soldadura en planos — Nivel: Comprensión
2. Procesos de soldadura por arco con gas de protección y con electrodo revestido — Nivel: Comprensión
3. Efecto de la corriente y el voltaje en la penetración del cordón — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Orden: la manera en que conserva limpio y despejado el puesto de soldadura.

### Glosario

1. **Especificación del procedimiento de soldadura (WPS)**: documento que fija el proceso, los materiales y los parámetros con que debe soldarse una unión.
2. **Material de aporte**: alambre o electrodo que se funde para formar el cordón.

## Elemento 2 de 3: E0512 Soldar los componentes automotrices

### Desempeños

1. Aplica las medidas de seguridad antes de soldar:
   - porta careta con filtro del número indicado, guantes, mangas y calzado de seguridad;
   - coloca mamparas para proteger a las personas cercanas;
   - verifica que no haya materiales inflamables a menos de diez metros.
2. Aplica los cordones de soldadura:
   - mantiene el ángulo de la antorcha y la velocidad de avance indicados;
   - aplica los cordones en la secuencia que señala la especificación;
   - limpia la escoria o las salpicaduras entre pasadas.
3. Controla la distorsión de la pieza:
   - aplica puntos de armado en el orden indicado;
   - alterna la secuencia de cordones cuando la pieza lo requiere.

### Productos

1. La pieza soldada:
   - tiene cordones con las dimensiones del plano;
   - no presenta grietas, porosidad visible ni socavado mayor al permitido;
   - conserva las dimensiones dentro de la tolerancia.

### Conocimientos

1. Riesgos del arco eléctrico, los humos y la radiación ultravioleta — Nivel: Aplicación
2. Técnicas de control de la distorsión — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Responsabilidad: la manera en que aplica las medidas de seguridad aunque la tarea sea breve.
2. Perseverancia: la manera en que repite la unión hasta cumplir la especificación.

### Glosario

1. **Socavado**: ranura en el metal base junto al cordón, causada por exceso de corriente o un ángulo incorrecto.
2. **Escoria**: capa no metálica que cubre el cordón al soldar con electrodo revestido.

## Elemento 3 de 3: E0513 Inspeccionar visualmente las uniones soldadas

### Desempeños

1. Inspecciona el cordón terminado:
   - mide la garganta y la longitud del cordón con el calibrador de soldadura;
   - identifica discontinuidades como poros, grietas y falta de fusión;
   - compara el resultado con el patrón visual de aceptación.
2. Dispone de las piezas no conformes:
   - identifica la pieza con la etiqueta roja de no conformidad;
   - la coloca en el área de material retenido;
   - informa al supervisor la causa probable del defecto.

### Productos

1. El registro de inspección visual:
   - indica número de pieza, turno y resultado de cada unión inspeccionada;
   - describe el defecto encontrado en las piezas rechazadas.

### Conocimientos

1. Discontinuidades y defectos de soldadura — Nivel: Comprensión
2. Criterios de aceptación de la inspección visual — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Honestidad: la manera en que reporta los defectos de su propio trabajo.

### Glosario

1. **Garganta**: distancia más corta entre la raíz y la cara de un cordón de filete.
2. **Pieza no conforme**: pieza que no cumple con un requisito del plano o de la especificación.

## Referencias

- Especificaciones de procedimiento de soldadura del cliente y de la planta.
- Programa de seguridad e higiene de la planta para trabajos en caliente.
"""

SOLDADURA = DemoStandard(
    key="soldadura-arco-automotriz",
    committee=AUTOMOTRIZ,
    title="Soldadura de componentes automotrices por arco eléctrico",
    language="es",
    level=3,
    review_period_years=3,
    certificate_validity_years=3,
    occupations=(
        "Soldador de producción",
        "Soldador de mantenimiento",
        "Operador de celda robotizada de soldadura",
    ),
    industry_code="336370",
    organisations=(
        "Clúster Automotriz del Bajío, A.C.",
        "Autopartes Forjadas de Querétaro, S.A. de C.V.",
        "Sindicato Nacional de Trabajadores Metalúrgicos y Similares",
        "Universidad Tecnológica de Silao",
    ),
    author="raul.dominguez",
    first_summary="Primer borrador del grupo técnico de soldadura",
    body=_SOLDADURA,
    edits=(
        DemoEdit(
            author="fernando.ibarra",
            summary="Agrega la extracción de humos a las medidas de seguridad",
            replacements=(
                (
                    "   - coloca mamparas para proteger a las personas cercanas;",
                    "   - coloca mamparas para proteger a las personas cercanas;\n"
                    "   - enciende el sistema de extracción localizada de humos;",
                ),
            ),
        ),
        DemoEdit(
            author="patricia.leon",
            summary="Precisa el criterio del producto según la retroalimentación del sector educativo",
            replacements=(
                (
                    "   - no presenta grietas, porosidad visible ni socavado mayor al permitido;",
                    "   - no presenta grietas ni falta de fusión;\n"
                    "   - la porosidad y el socavado no exceden los límites del patrón de aceptación;",
                ),
            ),
        ),
    ),
    outcome="published",
)

_INSPECCION = """\
## Propósito

Servir como referente para la evaluación y certificación de las personas que inspeccionan la calidad dimensional y visual de autopartes en las líneas de producción, y como guía para la capacitación de inspectores de calidad.

## Descripción

El estándar comprende la verificación de los instrumentos de medición, la inspección de las piezas conforme al plan de control y la disposición del producto no conforme. La evaluación se realiza en el área de calidad de la planta: la persona candidata mide una muestra de piezas, registra los resultados y decide su aceptación o rechazo; se revisan además sus registros de inspección.

## Nivel de competencia

Nivel 3. Desempeña actividades variadas, con autonomía para aceptar o retener lotes dentro de lo que establece el plan de control, y responsabilidad sobre la confiabilidad de las mediciones.

## Elemento 1 de 2: E0521 Verificar los instrumentos de medición

### Desempeños

1. Verifica la vigencia de la calibración:
   - revisa la etiqueta de calibración de cada instrumento antes de usarlo;
   - separa los instrumentos con calibración vencida y los reporta al laboratorio de metrología.
2. Realiza la verificación diaria del instrumento:
   - mide el patrón o bloque de referencia asignado;
   - compara la lectura con el valor nominal del patrón;
   - registra el resultado en la bitácora del instrumento.
3. Cuida los instrumentos de medición:
   - limpia las superficies de contacto antes y después de medir;
   - guarda cada instrumento en su estuche al terminar.

### Productos

1. La bitácora de verificación diaria:
   - registra fecha, instrumento, patrón utilizado y lectura obtenida;
   - señala las desviaciones y la acción tomada.

### Conocimientos

1. Conceptos de exactitud, precisión, resolución e incertidumbre — Nivel: Comprensión
2. Uso del calibrador vernier, el micrómetro y los calibres pasa/no pasa — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Cuidado: la manera en que manipula y guarda los instrumentos de medición.

### Glosario

1. **Patrón**: pieza de dimensiones conocidas que sirve de referencia para verificar un instrumento.
2. **Calibración**: comparación de un instrumento contra un patrón trazable, realizada por un laboratorio.

## Elemento 2 de 2: E0522 Inspeccionar las autopartes conforme al plan de control

### Desempeños

1. Interpreta el plan de control y el plano de la pieza:
   - identifica las características especiales marcadas en el plano;
   - identifica la frecuencia y el tamaño de la muestra para cada característica;
   - identifica el método de medición indicado.
2. Mide las características de la pieza:
   - toma la muestra en la frecuencia indicada por el plan de control;
   - mide cada característica con el instrumento especificado;
   - registra el valor medido, no solo si la pieza pasa o no pasa.
3. Inspecciona visualmente la pieza:
   - compara la apariencia con la muestra límite aprobada;
   - revisa rebabas, golpes, rayones y contaminación.
4. Dispone del producto no conforme:
   - identifica la pieza o el lote con la etiqueta de material retenido;
   - notifica al líder de la línea y al ingeniero de calidad;
   - registra la no conformidad en el sistema de la planta.

### Productos

1. El registro de inspección:
   - contiene los valores medidos de cada característica de la muestra;
   - indica la decisión de aceptación o retención del lote.
2. El reporte de no conformidad:
   - describe la característica afectada, la cantidad de piezas y el lote;
   - incluye la evidencia fotográfica cuando aplica.

### Conocimientos

1. Interpretación de planos y tolerancias geométricas — Nivel: Aplicación
2. Gráficas de control por variables — Nivel: Comprensión
3. Manejo del producto no conforme — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Objetividad: la manera en que decide la aceptación de un lote con base en los valores medidos.
2. Responsabilidad: la manera en que retiene un lote aunque la línea tenga prisa por embarcar.

### Glosario

1. **Plan de control**: documento que indica qué características se inspeccionan, con qué método, con qué frecuencia y qué hacer si no cumplen.
2. **Característica especial**: característica de la pieza que afecta la seguridad o el funcionamiento del vehículo.
3. **Muestra límite**: pieza aprobada que muestra el máximo defecto visual aceptable.

## Referencias

- Manual de calidad de la planta y planes de control de cada número de parte.
- Requisitos específicos de calidad de los clientes armadores.
"""

INSPECCION = DemoStandard(
    key="inspeccion-calidad-autopartes",
    committee=AUTOMOTRIZ,
    title="Inspección de calidad dimensional de autopartes",
    language="es",
    level=3,
    review_period_years=3,
    certificate_validity_years=3,
    occupations=("Inspector de calidad", "Auditor de producto", "Técnico de metrología"),
    industry_code="336390",
    organisations=(
        "Clúster Automotriz del Bajío, A.C.",
        "Componentes de Precisión de Aguascalientes, S.A. de C.V.",
        "Sindicato Nacional de Trabajadores Metalúrgicos y Similares",
        "Secretaría de Economía, Delegación Guanajuato",
    ),
    author="guadalupe.cardenas",
    first_summary="Borrador inicial basado en el análisis funcional del área de calidad",
    body=_INSPECCION,
    edits=(
        DemoEdit(
            author="ines.valdes",
            summary="Precisa la trazabilidad de la calibración",
            replacements=(
                (
                    "2. **Calibración**: comparación de un instrumento contra un patrón trazable, realizada por un laboratorio.",
                    "2. **Calibración**: comparación de un instrumento contra un patrón trazable a patrones nacionales, realizada por un laboratorio acreditado.",
                ),
            ),
        ),
        DemoEdit(
            author="raul.dominguez",
            summary="Agrega la ergonomía en la toma de muestras a petición del sector sindical",
            replacements=(
                (
                    "   - toma la muestra en la frecuencia indicada por el plan de control;",
                    "   - toma la muestra en la frecuencia indicada por el plan de control, usando los dispositivos de manejo para piezas de más de quince kilogramos;",
                ),
            ),
        ),
        DemoEdit(
            author="david.mitchell",
            summary="Adds the customer notification step for escaped defects",
            replacements=(
                (
                    "   - registra la no conformidad en el sistema de la planta.",
                    "   - registra la no conformidad en el sistema de la planta;\n"
                    "   - informa al ingeniero de calidad si el lote afectado ya fue embarcado al cliente.",
                ),
            ),
        ),
    ),
    outcome="ballot",
)

_PINTURA = """\
## Propósito

Servir como referente para la evaluación y certificación de las personas que operan cabinas de pintura en líneas de ensamble y de repintado de carrocerías automotrices, y orientar los programas de capacitación y de gestión de la seguridad en las áreas de acabado.

## Descripción

El estándar describe la preparación de la cabina y de la pintura, la aplicación de las capas de pintura y la limpieza del equipo al término del turno. La evaluación se realiza en la cabina de la planta durante la producción normal, revisando además las mediciones de espesor y el registro de condiciones de la cabina.

## Nivel de competencia

Nivel 2. Desempeña actividades en su mayoría programadas y predecibles, bajo la supervisión del líder del área de pintura, con responsabilidad sobre el ajuste de su equipo de aplicación.

## Elemento 1 de 2: E0531 Preparar la cabina y la pintura

### Desempeños

1. Verifica las condiciones de la cabina:
   - comprueba que la temperatura y la humedad estén dentro del rango de la hoja técnica;
   - verifica que el flujo de aire y los filtros estén en condiciones de operación;
   - revisa que la iluminación permita ver defectos en la superficie.
2. Prepara la pintura:
   - verifica el código de color y el lote contra la orden de producción;
   - mezcla la pintura con el catalizador y el solvente en la proporción indicada;
   - mide la viscosidad con la copa y la ajusta si es necesario.
3. Se equipa para la aplicación:
   - porta overol antiestático, guantes de nitrilo y respirador con cartuchos vigentes;
   - verifica el ajuste del respirador con la prueba de presión negativa.

### Productos

1. El registro de condiciones de la cabina:
   - indica temperatura, humedad, presión diferencial y fecha de cambio de filtros;
   - tiene la firma del operador del turno.

### Conocimientos

1. Componentes de un sistema de pintura: primario, base y barniz — Nivel: Comprensión
2. Hoja de datos de seguridad de pinturas y solventes — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Limpieza: la manera en que mantiene la cabina libre de polvo y residuos.

### Glosario

1. **Viscosidad**: resistencia de la pintura a fluir; se mide con el tiempo que tarda en vaciarse una copa normalizada.
2. **Presión diferencial**: diferencia de presión entre el interior de la cabina y el exterior, que evita la entrada de polvo.

## Elemento 2 de 2: E0532 Aplicar la pintura en carrocerías y piezas

### Desempeños

1. Ajusta la pistola de aplicación:
   - ajusta la presión de aire, el abanico y el flujo de pintura según la hoja técnica;
   - realiza un patrón de prueba en papel antes de aplicar sobre la pieza.
2. Aplica las capas de pintura:
   - mantiene la distancia y la velocidad de la pistola constantes;
   - traslapa cada pasada aproximadamente a la mitad;
   - respeta el tiempo de evaporación entre capas.
3. Verifica el acabado:
   - mide el espesor de película en los puntos indicados;
   - identifica escurrimientos, piel de naranja y partículas de suciedad;
   - marca las piezas con defectos para su reparación.
4. Limpia el equipo al término del turno:
   - lava la pistola con el solvente indicado;
   - deposita los residuos en los contenedores de residuos peligrosos.

### Productos

1. La pieza pintada:
   - tiene el espesor de película dentro del rango especificado;
   - no presenta escurrimientos ni zonas sin cubrir.

### Conocimientos

1. Técnicas de aplicación con pistola convencional y electrostática — Nivel: Aplicación
2. Defectos de pintura y sus causas probables — Nivel: Comprensión
3. Manejo de residuos peligrosos — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Responsabilidad: la manera en que utiliza el equipo de protección durante toda la aplicación.
2. Orden: la manera en que separa los residuos peligrosos de los residuos comunes.

### Glosario

1. **Piel de naranja**: textura irregular de la película de pintura que recuerda la cáscara de una naranja.
2. **Tiempo de evaporación**: tiempo que debe pasar entre capas para que se evaporen los solventes.

## Referencias

- Hojas técnicas del fabricante de pintura.
- Procedimiento de manejo de residuos peligrosos de la planta.
"""

PINTURA = DemoStandard(
    key="operacion-cabina-pintura",
    committee=AUTOMOTRIZ,
    title="Operación de cabinas de pintura en líneas de ensamble automotriz",
    language="es",
    level=2,
    review_period_years=2,
    certificate_validity_years=3,
    occupations=("Pintor automotriz", "Operador de cabina de pintura"),
    industry_code="336211",
    organisations=(
        "Ensambladora de Vehículos del Centro, S.A. de C.V.",
        "Sindicato Nacional de Trabajadores Metalúrgicos y Similares",
        "Universidad Tecnológica de Silao",
    ),
    author="tomas.garcia",
    first_summary="Borrador elaborado a partir de las fichas técnicas de las plantas participantes",
    body=_PINTURA,
    edits=(
        DemoEdit(
            author="raul.dominguez",
            summary="Agrega la verificación de la fecha de vencimiento de los cartuchos del respirador",
            replacements=(
                (
                    "   - verifica el ajuste del respirador con la prueba de presión negativa.",
                    "   - verifica el ajuste del respirador con la prueba de presión negativa;\n"
                    "   - anota en el registro la fecha en que cambió los cartuchos.",
                ),
            ),
        ),
    ),
    outcome="draft",
)

_REFRIGERATION = """\
## Purpose

To serve as the reference for the assessment and certification of technicians who carry out preventive maintenance on industrial refrigeration systems in manufacturing plants, cold stores and food processing facilities, and as a guide for designing their training.

## Description

The standard covers planning the maintenance work, inspecting and servicing the main components of a vapour-compression system, and recording the results. Assessment takes place on a working installation or a training rig: the candidate carries out a scheduled maintenance routine under observation and hands in the completed maintenance record and a short report of findings.

## Competency level

Level 3. Carries out a broad range of activities, some of them non-routine, with autonomy in choosing methods within the maintenance plan and responsibility for the safety of the installation during the work.

## Element 1 of 2: E0541 Prepare the preventive maintenance work

### Performance criteria

1. Reviews the maintenance plan:
   - identifies the equipment, the tasks and the frequency due;
   - reviews the history of faults recorded for the equipment;
   - confirms the work window with the production supervisor.
2. Isolates the equipment safely:
   - applies lockout and tagout to every energy source;
   - verifies zero energy before starting work;
   - closes and tags the service valves required by the task.
3. Prepares tools and materials:
   - checks that the gauge manifold, leak detector and thermometer are calibrated;
   - gathers the oil, filters and gaskets specified by the manufacturer.

### Products

1. The signed work permit:
   - lists the isolation points and the people authorised to work;
   - is displayed at the work area during the task.

### Knowledge

1. The vapour-compression refrigeration cycle — Level: Comprehension
2. Properties and hazards of ammonia and fluorinated refrigerants — Level: Comprehension
3. Lockout and tagout procedure — Level: Application

### Attitudes, habits and values

1. Responsibility: the way in which the technician verifies isolation before touching any component.

### Glossary

1. **Lockout and tagout**: a procedure that isolates energy sources with locks and warning tags so that equipment cannot be started during maintenance.
2. **Service valve**: a valve that isolates part of the refrigerant circuit for maintenance.

## Element 2 of 2: E0542 Service the components of the refrigeration system

### Performance criteria

1. Inspects the compressor:
   - measures suction and discharge pressures and compares them with the design values;
   - checks the oil level, colour and pressure;
   - listens for abnormal noise and measures vibration at the bearings.
2. Services the condenser and the evaporators:
   - cleans the coils without bending the fins;
   - checks that fans turn freely and that belts have the correct tension;
   - verifies that defrosting completes within the programmed time.
3. Checks the system for leaks:
   - tests joints, valves and seals with an electronic detector or an approved method;
   - marks and reports every leak found;
   - never releases refrigerant to the atmosphere.
4. Returns the equipment to service:
   - removes locks and tags following the release procedure;
   - starts the equipment and verifies the operating temperatures;
   - informs the production supervisor that the equipment is available.

### Products

1. The completed maintenance record:
   - lists every task carried out, with the readings taken;
   - records the leaks found and the parts replaced;
   - is signed by the technician and by the supervisor who received the equipment.
2. The report of findings:
   - describes the abnormal conditions observed;
   - recommends corrective work and its priority.

### Knowledge

1. Normal operating ranges of pressures and temperatures — Level: Application
2. Leak detection methods — Level: Application
3. Environmental rules on refrigerant handling and recovery — Level: Comprehension

### Attitudes, habits and values

1. Care: the way in which the technician handles coils, fins and gauges.
2. Honesty: the way in which the technician records the readings actually taken.

### Glossary

1. **Evaporator**: the heat exchanger where the refrigerant absorbs heat from the cooled space.
2. **Defrost cycle**: the period in which ice is removed from the evaporator coils.

## References

- Manufacturer's maintenance manuals for the compressors and evaporators installed.
- The plant's safety procedures for work on refrigeration systems.
"""

REFRIGERATION = DemoStandard(
    key="industrial-refrigeration-maintenance",
    committee=AUTOMOTRIZ,
    title="Preventive maintenance of industrial refrigeration systems",
    language="en",
    level=3,
    review_period_years=3,
    certificate_validity_years=4,
    occupations=("Refrigeration technician", "Industrial maintenance technician"),
    industry_code="811310",
    organisations=(
        "Northern Cold Chain Services, Inc.",
        "Clúster Automotriz del Bajío, A.C.",
        "Universidad Tecnológica de Silao",
    ),
    author="david.mitchell",
    first_summary="First draft contributed by the maintenance working group",
    body=_REFRIGERATION,
    edits=(
        DemoEdit(
            author="patricia.leon",
            summary="Rewords the isolation criterion to cover stored pressure",
            replacements=(
                (
                    "   - verifies zero energy before starting work;",
                    "   - verifies zero energy, including stored refrigerant pressure, before starting work;",
                ),
            ),
        ),
        DemoEdit(
            author="david.mitchell",
            summary="Fixes the glossary definition of the defrost cycle",
            replacements=(
                (
                    "2. **Defrost cycle**: the period in which ice is removed from the evaporator coils.",
                    "2. **Defrost cycle**: the programmed period in which ice is removed from the evaporator coils by electric heaters, hot gas or water while cooling stops.",
                ),
            ),
        ),
    ),
    outcome="draft",
)

# --- Capacitación y Formación para el Trabajo -------------------------------------------

_FACILITACION = """\
## Propósito

Servir como referente para la evaluación y certificación de las personas que facilitan cursos de capacitación presencial en grupo, y como guía para la formación de instructores internos y externos de los centros de trabajo.

## Descripción

El estándar describe la preparación de la sesión, la conducción del grupo mediante técnicas de aprendizaje participativo y la evaluación del aprendizaje. La evaluación se realiza durante una sesión de capacitación real o simulada de al menos cuarenta minutos, frente a un grupo de por lo menos cinco participantes, y mediante la revisión de la carta descriptiva y de los instrumentos de evaluación utilizados.

## Nivel de competencia

Nivel 3. Desempeña actividades variadas en contextos diversos, con autonomía para adaptar las técnicas de instrucción a las necesidades del grupo y responsabilidad sobre el logro de los objetivos de aprendizaje.

## Elemento 1 de 3: E0611 Preparar la sesión de capacitación presencial

### Desempeños

1. Revisa la carta descriptiva del curso:
   - identifica el objetivo general y los objetivos particulares;
   - identifica las técnicas, los materiales y los tiempos de cada tema;
   - identifica las características de los participantes.
2. Verifica las condiciones del lugar:
   - comprueba la iluminación, la ventilación y la distribución del mobiliario;
   - prueba el equipo de proyección y de sonido antes del inicio;
   - localiza las salidas de emergencia y los servicios sanitarios.
3. Prepara los materiales didácticos:
   - cuenta con un ejemplar del material para cada participante;
   - verifica que los materiales no tengan errores ortográficos ni información desactualizada.

### Productos

1. La lista de verificación de la sesión:
   - registra las condiciones del lugar, del equipo y de los materiales;
   - indica las acciones tomadas ante las fallas detectadas.

### Conocimientos

1. Estructura de una carta descriptiva — Nivel: Comprensión
2. Principios del aprendizaje de personas adultas — Nivel: Comprensión

### Actitudes, hábitos y valores

1. Puntualidad: la manera en que llega al lugar de la capacitación con tiempo para preparar la sesión.

### Glosario

1. **Carta descriptiva**: documento que organiza los objetivos, temas, técnicas, materiales, tiempos y evaluaciones de un curso.
2. **Participante**: persona que asiste a la capacitación para desarrollar o actualizar su competencia.

## Elemento 2 de 3: E0612 Conducir la sesión de capacitación

### Desempeños

1. Realiza el encuadre del curso:
   - se presenta y propicia la presentación de los participantes;
   - expone el objetivo general, la agenda y las reglas de convivencia;
   - recupera las expectativas de los participantes y las relaciona con el objetivo.
2. Desarrolla los temas con técnicas de instrucción:
   - aplica al menos dos técnicas distintas, como expositiva, demostración, estudio de caso o lluvia de ideas;
   - formula preguntas para verificar la comprensión;
   - utiliza ejemplos relacionados con el trabajo de los participantes.
3. Propicia la participación del grupo:
   - invita a participar a las personas que no han intervenido;
   - retroalimenta las aportaciones de manera respetuosa;
   - maneja las situaciones difíciles sin exhibir a los participantes.
4. Administra el tiempo de la sesión:
   - respeta los tiempos de la carta descriptiva o justifica los ajustes;
   - concluye con un resumen de los temas y la relación con el objetivo.

### Productos

1. El reporte de la sesión:
   - registra la asistencia y los temas cubiertos;
   - describe los ajustes hechos a la carta descriptiva y su justificación.

### Conocimientos

1. Técnicas de instrucción grupal — Nivel: Aplicación
2. Manejo de grupos y de situaciones difíciles — Nivel: Aplicación
3. Comunicación verbal y no verbal — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Respeto: la manera en que se dirige a los participantes y atiende sus opiniones.
2. Tolerancia: la manera en que responde a las críticas o desacuerdos del grupo.

### Glosario

1. **Encuadre**: momento inicial del curso en que se acuerdan objetivos, agenda y reglas con el grupo.
2. **Técnica de instrucción**: procedimiento que utiliza el instructor para facilitar el aprendizaje, como la demostración o el estudio de caso.

## Elemento 3 de 3: E0613 Evaluar el aprendizaje de los participantes

### Desempeños

1. Aplica la evaluación diagnóstica:
   - aplica el instrumento al inicio del curso;
   - usa los resultados para ajustar el énfasis de los temas.
2. Aplica la evaluación final:
   - explica a los participantes el propósito y la forma de la evaluación;
   - aplica los instrumentos previstos en la carta descriptiva;
   - informa a cada participante sus resultados.
3. Aplica la evaluación de satisfacción:
   - solicita la opinión de los participantes sobre el curso, el instructor y las instalaciones;
   - garantiza el anonimato de las respuestas.

### Productos

1. El informe final del curso:
   - compara los resultados de la evaluación diagnóstica y de la final;
   - resume los resultados de la evaluación de satisfacción;
   - propone mejoras para las siguientes capacitaciones.

### Conocimientos

1. Tipos de evaluación: diagnóstica, formativa y sumativa — Nivel: Comprensión
2. Diseño de reactivos de opción múltiple y listas de cotejo — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Objetividad: la manera en que califica las evaluaciones conforme a los criterios establecidos.

### Glosario

1. **Evaluación diagnóstica**: evaluación que identifica lo que los participantes ya saben antes de iniciar el curso.
2. **Lista de cotejo**: instrumento que enumera los aspectos que deben observarse en un desempeño o producto.

## Referencias

- Lineamientos de la autoridad laboral sobre capacitación y adiestramiento en los centros de trabajo.
"""

FACILITACION = DemoStandard(
    key="facilitacion-cursos-presenciales",
    committee=CAPACITACION,
    title="Facilitación de cursos de capacitación presencial",
    language="es",
    level=3,
    review_period_years=3,
    certificate_validity_years=4,
    occupations=("Instructor", "Facilitador de capacitación", "Capacitador interno"),
    industry_code="611710",
    organisations=(
        "Asociación Mexicana de Profesionales de la Capacitación, A.C.",
        "Instituto Tecnológico Regional de Puebla",
        "Sindicato Nacional de Trabajadores Gastronómicos",
        "Secretaría del Trabajo del Estado de Puebla",
    ),
    author="patricia.leon",
    first_summary="Primer borrador del estándar de facilitación presencial",
    body=_FACILITACION,
    edits=(
        DemoEdit(
            author="ximena.arreola",
            summary="Reformula el criterio de técnicas de instrucción",
            replacements=(
                (
                    "   - aplica al menos dos técnicas distintas, como expositiva, demostración, estudio de caso o lluvia de ideas;",
                    "   - aplica al menos dos técnicas de instrucción distintas, elegidas según el objetivo de cada tema;",
                ),
            ),
        ),
        DemoEdit(
            author="maria.jose.beltran",
            summary="Agrega la accesibilidad del lugar según la retroalimentación del sector sindical",
            replacements=(
                (
                    "   - localiza las salidas de emergencia y los servicios sanitarios.",
                    "   - localiza las salidas de emergencia y los servicios sanitarios;\n"
                    "   - verifica que el lugar sea accesible para participantes con discapacidad.",
                ),
            ),
        ),
        DemoEdit(
            author="sarah.collins",
            summary="Corrige la definición de evaluación diagnóstica en el glosario",
            replacements=(
                (
                    "1. **Evaluación diagnóstica**: evaluación que identifica lo que los participantes ya saben antes de iniciar el curso.",
                    "1. **Evaluación diagnóstica**: evaluación que identifica lo que los participantes ya saben y saben hacer antes de iniciar el curso; no se usa para calificar.",
                ),
            ),
        ),
    ),
    outcome="published",
)

_CURSOS_EN_LINEA = """\
## Propósito

Servir como referente para la evaluación y certificación de las personas que diseñan cursos de capacitación en línea, autogestivos o con tutoría, y como guía para las áreas de formación que migran sus capacitaciones presenciales a plataformas digitales.

## Descripción

El estándar describe el análisis de las necesidades de capacitación, el diseño instruccional del curso y la integración de los recursos y evaluaciones en una plataforma de gestión del aprendizaje. La evaluación se basa en los productos: la persona candidata entrega el diseño instruccional y un módulo del curso funcionando en la plataforma, y los presenta en una entrevista con la persona evaluadora.

## Nivel de competencia

Nivel 4. Desempeña actividades complejas, técnicas y profesionales, con un alto grado de autonomía; es responsable de la calidad del diseño y coordina el trabajo de expertos en contenido y desarrolladores.

## Elemento 1 de 2: E0621 Elaborar el diseño instruccional del curso en línea

### Desempeños

1. Analiza las necesidades de capacitación:
   - identifica la brecha entre el desempeño esperado y el desempeño actual;
   - caracteriza a la población destinataria, su acceso a equipo de cómputo y su conectividad;
   - confirma con el área solicitante que la brecha se atiende con capacitación.
2. Redacta los objetivos de aprendizaje:
   - redacta cada objetivo con un verbo observable, una condición y un criterio;
   - alinea los objetivos con las funciones del puesto.
3. Estructura el curso:
   - organiza los módulos de lo simple a lo complejo;
   - estima el tiempo de dedicación de cada módulo;
   - define las actividades de aprendizaje y de evaluación de cada módulo.
4. Define la estrategia de evaluación:
   - define evaluaciones formativas al final de cada tema;
   - define una evaluación final alineada con los objetivos;
   - establece el puntaje mínimo aprobatorio y el número de intentos.

### Productos

1. El documento de diseño instruccional:
   - incluye el análisis de necesidades, los objetivos, la estructura y la estrategia de evaluación;
   - indica los recursos multimedia requeridos y sus especificaciones;
   - está validado por el experto en contenido.

### Conocimientos

1. Modelos de diseño instruccional — Nivel: Aplicación
2. Taxonomías de objetivos de aprendizaje — Nivel: Aplicación
3. Principios de diseño multimedia para el aprendizaje — Nivel: Comprensión

### Actitudes, hábitos y valores

1. Iniciativa: la manera en que propone actividades que aprovechan las herramientas de la plataforma.
2. Responsabilidad: la manera en que cumple los plazos acordados con el área solicitante.

### Glosario

1. **Diseño instruccional**: proceso sistemático para planear experiencias de aprendizaje que logren objetivos definidos.
2. **Experto en contenido**: persona que domina el tema del curso y valida la exactitud de la información.

## Elemento 2 de 2: E0622 Integrar el curso en la plataforma de gestión del aprendizaje

### Desempeños

1. Configura el curso en la plataforma:
   - crea los módulos conforme a la estructura del diseño instruccional;
   - configura las reglas de avance y las fechas de disponibilidad;
   - configura el registro de avance y de calificaciones.
2. Integra los recursos de aprendizaje:
   - incorpora videos con subtítulos y documentos en formatos accesibles;
   - verifica que los recursos se visualicen en computadora y en teléfono celular;
   - respeta los derechos de autor de los materiales utilizados.
3. Prueba el curso antes de su publicación:
   - recorre el curso completo con un usuario de prueba;
   - corrige los enlaces rotos y los errores de configuración;
   - aplica una prueba piloto con al menos cinco personas de la población destinataria.

### Productos

1. El módulo del curso publicado en la plataforma:
   - funciona sin errores en los navegadores y dispositivos definidos;
   - registra el avance y las calificaciones de los participantes.
2. El informe de la prueba piloto:
   - resume las observaciones de los participantes;
   - describe los ajustes realizados al curso.

### Conocimientos

1. Funciones de las plataformas de gestión del aprendizaje — Nivel: Aplicación
2. Pautas de accesibilidad para contenido digital — Nivel: Comprensión

### Actitudes, hábitos y valores

1. Perseverancia: la manera en que prueba el curso hasta eliminar los errores de configuración.

### Glosario

1. **Plataforma de gestión del aprendizaje (LMS)**: sistema en línea para publicar cursos, inscribir participantes y registrar su avance.
2. **Curso autogestivo**: curso en línea que el participante realiza a su propio ritmo, sin tutor.
3. **Prueba piloto**: aplicación del curso a un grupo pequeño para detectar errores antes de su publicación.

## Referencias

- Guía de la agencia para la elaboración de cursos de capacitación a distancia.
"""

CURSOS_EN_LINEA = DemoStandard(
    key="diseno-cursos-en-linea",
    committee=CAPACITACION,
    title="Diseño de cursos de capacitación en línea",
    language="es",
    level=4,
    review_period_years=2,
    certificate_validity_years=3,
    occupations=("Diseñador instruccional", "Coordinador de capacitación a distancia"),
    industry_code="611710",
    organisations=(
        "Asociación Mexicana de Profesionales de la Capacitación, A.C.",
        "Universidad Abierta del Sureste",
        "Secretaría del Trabajo del Estado de Puebla",
    ),
    author="ximena.arreola",
    first_summary="Borrador inicial del grupo de trabajo de educación a distancia",
    body=_CURSOS_EN_LINEA,
    edits=(
        DemoEdit(
            author="sarah.collins",
            summary="Agrega la protección de datos personales de los participantes",
            replacements=(
                (
                    "   - configura el registro de avance y de calificaciones.",
                    "   - configura el registro de avance y de calificaciones;\n"
                    "   - limita el acceso a los datos personales de los participantes a quienes los necesitan.",
                ),
            ),
        ),
        DemoEdit(
            author="guadalupe.cardenas",
            summary="Precisa el tamaño de la prueba piloto según la retroalimentación del sector empresarial",
            replacements=(
                (
                    "   - aplica una prueba piloto con al menos cinco personas de la población destinataria.",
                    "   - aplica una prueba piloto con al menos cinco personas de la población destinataria, de distintos turnos y centros de trabajo.",
                ),
            ),
        ),
    ),
    outcome="draft",
)

_EVALUACION = """\
## Propósito

Servir como referente para la evaluación y certificación de las personas que evalúan la competencia de candidatos con base en un estándar de competencia inscrito en el registro nacional, y como guía para la formación de evaluadores de las entidades de certificación.

## Descripción

El estándar describe la planeación de la evaluación con la persona candidata, la aplicación de los instrumentos de evaluación y la emisión del juicio de competencia. La evaluación se realiza observando un proceso de evaluación completo con una persona candidata real y revisando el plan de evaluación, los instrumentos aplicados y el dictamen emitido.

## Nivel de competencia

Nivel 4. Desempeña actividades complejas con un alto grado de autonomía y de responsabilidad sobre sus juicios, que tienen consecuencias para la certificación de otras personas.

## Elemento 1 de 2: E0631 Planear la evaluación con la persona candidata

### Desempeños

1. Realiza el diagnóstico de la persona candidata:
   - explica el estándar de competencia y el proceso de evaluación;
   - aplica el cuestionario de diagnóstico;
   - recomienda, cuando corresponde, capacitación previa a la evaluación.
2. Acuerda el plan de evaluación:
   - define con la persona candidata las fechas, los lugares y las evidencias por reunir;
   - verifica que el lugar de evaluación cuente con las condiciones que exige el estándar;
   - obtiene la firma de conformidad de la persona candidata.
3. Declara los conflictos de interés:
   - informa a la entidad de certificación cualquier relación laboral o familiar con la persona candidata;
   - se excusa de evaluar cuando existe un conflicto de interés.

### Productos

1. El plan de evaluación:
   - indica las evidencias, los instrumentos, las fechas y los lugares acordados;
   - está firmado por la persona evaluadora y la persona candidata.

### Conocimientos

1. Estructura de un estándar de competencia: elementos, desempeños, productos, conocimientos y actitudes — Nivel: Comprensión
2. Código de ética de la persona evaluadora — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Imparcialidad: la manera en que trata a todas las personas candidatas con los mismos criterios.
2. Amabilidad: la manera en que resuelve las dudas de la persona candidata sobre el proceso.

### Glosario

1. **Persona candidata**: persona que solicita ser evaluada en un estándar de competencia.
2. **Plan de evaluación**: acuerdo entre la persona evaluadora y la persona candidata sobre cómo, cuándo y dónde se reunirán las evidencias.

## Elemento 2 de 2: E0632 Evaluar la competencia y emitir el juicio

### Desempeños

1. Aplica los instrumentos de evaluación:
   - observa el desempeño en situación real o simulada con la guía de observación;
   - revisa los productos con la lista de cotejo;
   - aplica el cuestionario de conocimientos en las condiciones establecidas.
2. Registra las evidencias:
   - anota los hechos observados, no interpretaciones;
   - conserva los productos o sus fotografías como evidencia.
3. Emite el juicio de competencia:
   - compara las evidencias con cada criterio del estándar;
   - emite el juicio de competente o todavía no competente;
   - fundamenta el juicio en las evidencias registradas.
4. Retroalimenta a la persona candidata:
   - informa el juicio en privado y con respeto;
   - señala las fortalezas y las áreas de oportunidad identificadas;
   - informa el procedimiento para solicitar una nueva evaluación o presentar una inconformidad.

### Productos

1. El portafolio de evidencias:
   - contiene los instrumentos requisitados y las evidencias de la evaluación;
   - está ordenado conforme a los elementos del estándar.
2. El dictamen de la evaluación:
   - indica el juicio emitido y su fundamento;
   - está firmado por la persona evaluadora.

### Conocimientos

1. Tipos de evidencia: de desempeño, de producto y de conocimiento — Nivel: Comprensión
2. Técnicas de observación y registro — Nivel: Aplicación
3. Procedimiento de inconformidades de la entidad de certificación — Nivel: Comprensión

### Actitudes, hábitos y valores

1. Objetividad: la manera en que fundamenta el juicio únicamente en las evidencias.
2. Discreción: la manera en que resguarda la información de la persona candidata.

### Glosario

1. **Juicio de competencia**: decisión de la persona evaluadora sobre si las evidencias demuestran la competencia descrita en el estándar.
2. **Portafolio de evidencias**: conjunto ordenado de instrumentos y evidencias de un proceso de evaluación.

## Referencias

- Reglas generales de la agencia para los procesos de evaluación y certificación.
"""

EVALUACION = DemoStandard(
    key="evaluacion-competencia-candidatos",
    committee=CAPACITACION,
    title="Evaluación de la competencia de candidatos con base en estándares de competencia",
    language="es",
    level=4,
    review_period_years=3,
    certificate_validity_years=3,
    occupations=("Evaluador de competencias", "Verificador de procesos de evaluación"),
    industry_code="541690",
    organisations=(
        "Red de Entidades de Certificación del Centro, A.C.",
        "Instituto Tecnológico Regional de Puebla",
        "Secretaría del Trabajo del Estado de Puebla",
    ),
    author="ines.valdes",
    first_summary="Borrador inicial a partir del estándar de evaluadores anterior",
    body=_EVALUACION,
    edits=(
        DemoEdit(
            author="patricia.leon",
            summary="Reformula el juicio de competencia para evitar juicios parciales",
            replacements=(
                (
                    "   - emite el juicio de competente o todavía no competente;",
                    "   - emite el juicio de competente o todavía no competente respecto del estándar completo, sin juicios parciales por elemento;",
                ),
            ),
        ),
        DemoEdit(
            author="maria.jose.beltran",
            summary="Agrega el uso de lenguaje incluyente en la retroalimentación",
            replacements=(
                (
                    "   - informa el juicio en privado y con respeto;",
                    "   - informa el juicio en privado, con respeto y en lenguaje claro e incluyente;",
                ),
            ),
        ),
    ),
    outcome="draft",
)

_TRAINING_PROGRAMMES = """\
## Purpose

To serve as the reference for the assessment and certification of people who manage an organisation's workplace training programme, from the annual needs analysis to the evaluation of its results, and as a guide for developing training managers.

## Description

The standard covers the critical functions of planning the annual training programme, managing its delivery with internal and external providers, and evaluating its impact on performance. Assessment is mainly based on products: the candidate presents a training plan, a provider management file and an evaluation report for a real programme, and defends them in a structured interview.

## Competency level

Level 5. Carries out a wide range of complex activities with full autonomy; responsible for allocating resources, for the work of others, and for analysis, diagnosis, planning and evaluation across the organisation.

## Element 1 of 3: E0641 Plan the annual training programme

### Performance criteria

1. Analyses training needs across the organisation:
   - gathers performance data, audit findings and managers' requests;
   - distinguishes needs that training can address from those that it cannot;
   - prioritises needs according to their impact on safety, quality and productivity.
2. Drafts the training plan:
   - defines the courses, target groups, dates and delivery modes;
   - estimates the budget and compares it with the resources available;
   - aligns the plan with the organisation's strategic objectives.
3. Obtains approval for the plan:
   - presents the plan to management and to the joint training committee;
   - records the agreements and adjusts the plan accordingly.

### Products

1. The approved annual training plan:
   - lists courses, participants, dates, providers and costs;
   - shows the need each course addresses;
   - bears the signatures of management and of the joint training committee.

### Knowledge

1. Training needs analysis methods — Level: Application
2. Legal obligations of employers regarding workplace training — Level: Comprehension
3. Budgeting for training — Level: Application

### Attitudes, habits and values

1. Initiative: the way in which the manager proposes alternatives when the budget does not cover every need.

### Glossary

1. **Joint training committee**: a committee of employer and worker representatives that oversees the training plan in a workplace.
2. **Training need**: a gap between required and actual performance that training can close.

## Element 2 of 3: E0642 Manage the delivery of the training programme

### Performance criteria

1. Selects training providers:
   - compares at least two proposals against written criteria;
   - verifies the provider's registration and the instructors' credentials;
   - agrees deliverables, dates and costs in writing.
2. Monitors delivery:
   - checks attendance and completion against the plan each month;
   - observes a sample of sessions using an observation checklist;
   - resolves scheduling conflicts with production managers.
3. Keeps training records:
   - records each participant's courses, hours and results;
   - issues proof of completion in the format required by the labour authority.

### Products

1. The provider management file:
   - contains the comparison of proposals, the contract and the evaluation of each provider.
2. The monthly progress report:
   - compares planned and actual courses, participants and spending;
   - explains deviations and the actions taken.

### Knowledge

1. Contracting and supervising external providers — Level: Application
2. Training record-keeping requirements — Level: Application

### Attitudes, habits and values

1. Fairness: the way in which the manager applies the same criteria to every provider.
2. Order: the way in which the manager keeps training records complete and up to date.

### Glossary

1. **Proof of completion**: the document that certifies that a worker completed a course.

## Element 3 of 3: E0643 Evaluate the results of the training programme

### Performance criteria

1. Evaluates reaction and learning:
   - collects satisfaction surveys and test results for each course;
   - identifies courses with results below the agreed threshold.
2. Evaluates transfer to the job:
   - agrees indicators with managers before the course;
   - measures the indicators three to six months after the course;
   - interviews supervisors about changes in performance.
3. Reports results to management:
   - presents the results with the cost of each programme;
   - recommends which courses to keep, change or drop next year.

### Products

1. The annual evaluation report:
   - shows reaction, learning and transfer results for each programme;
   - compares results with costs;
   - includes recommendations for next year's plan.

### Knowledge

1. Four-level training evaluation model — Level: Application
2. Basic descriptive statistics — Level: Application

### Attitudes, habits and values

1. Objectivity: the way in which the manager reports programmes that did not achieve their objectives.

### Glossary

1. **Transfer**: the application on the job of what was learnt in training.
2. **Indicator**: a measurable value used to judge whether performance has changed.

## References

- Federal labour law provisions on training and the guidelines of the labour authority.
"""

TRAINING_PROGRAMMES = DemoStandard(
    key="workplace-training-management",
    committee=CAPACITACION,
    title="Management of workplace training programmes",
    language="en",
    level=5,
    review_period_years=3,
    certificate_validity_years=4,
    occupations=("Training manager", "Head of learning and development"),
    industry_code="541612",
    organisations=(
        "Asociación Mexicana de Profesionales de la Capacitación, A.C.",
        "Global Learning Partners, Ltd.",
        "Instituto Tecnológico Regional de Puebla",
    ),
    author="sarah.collins",
    first_summary="First draft for the training management standard",
    body=_TRAINING_PROGRAMMES,
    edits=(
        DemoEdit(
            author="guadalupe.cardenas",
            summary="Adds the worker representatives to the monitoring criterion",
            replacements=(
                (
                    "   - resolves scheduling conflicts with production managers.",
                    "   - resolves scheduling conflicts with production managers;\n"
                    "   - shares progress with the joint training committee every quarter.",
                ),
            ),
        ),
        DemoEdit(
            author="sarah.collins",
            summary="Fixes the glossary definition of proof of completion",
            replacements=(
                (
                    "1. **Proof of completion**: the document that certifies that a worker completed a course.",
                    "1. **Proof of completion**: the document, signed by the employer and the provider, stating that a worker completed and passed a course.",
                ),
            ),
        ),
    ),
    outcome="draft",
)


STANDARDS: tuple[DemoStandard, ...] = (
    COMENSALES,
    HABITACIONES,
    GUIAS,
    FRONT_DESK,
    SOLDADURA,
    INSPECCION,
    PINTURA,
    REFRIGERATION,
    FACILITACION,
    CURSOS_EN_LINEA,
    EVALUACION,
    TRAINING_PROGRAMMES,
)
