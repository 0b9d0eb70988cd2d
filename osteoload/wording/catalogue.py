"""The exercise catalogue's words (names, reasons and cues of
osteoload/data/exercises.yaml), marked for translation so that ``makemessages`` finds them;
:func:`exercise_words` says one in the active language. Written by ``uv run python -m
tests.wording.test_catalogue_words``; a test keeps it in step with the catalogue."""

# ruff: noqa: E501 - one catalogue text per line, as the catalogue writes it

from __future__ import annotations

from .audience import _, gettext_noop


def exercise_words(text: str) -> str:
    """A catalogue text (an exercise's name, reason or cue) in the active language; a text
    that is not the catalogue's (an older program's wording) is returned as it is."""
    return _(text) if text in WORDS else text


WORDS: frozenset[str] = frozenset(
    {
        gettext_noop("Sit to stand"),
        gettext_noop(
            "Getting up from a chair on your own keeps the muscles and bones of your hips and legs working."
        ),
        gettext_noop("Sit near the front of the seat, feet a little behind your knees"),
        gettext_noop("Lean forward from the hips until your nose is over your toes"),
        gettext_noop("Press the floor away and stand up tall"),
        gettext_noop("Sit back down slowly, do not drop"),
        gettext_noop("Bodyweight squat"),
        gettext_noop("Squatting is one of the best everyday moves for strong hips and thighs."),
        gettext_noop("Feet shoulder-width apart, toes turned out a little"),
        gettext_noop("Sit the hips back and down as if towards a chair"),
        gettext_noop("Keep your chest up and your back long"),
        gettext_noop("Drive up through the whole foot"),
        gettext_noop("Wall squat hold"),
        gettext_noop("Holding a small squat builds thigh strength without any equipment."),
        gettext_noop("Stand with your back against the wall, feet a step in front"),
        gettext_noop("Slide down only until your knees are slightly bent"),
        gettext_noop("Keep your head and shoulders touching the wall"),
        gettext_noop("Breathe steadily while you hold"),
        gettext_noop("Band squat"),
        gettext_noop(
            "The band adds resistance to your squat so your legs and hips have to work harder."
        ),
        gettext_noop("Stand on the middle of the band, handles at your shoulders"),
        gettext_noop("Sit back and down with a long back"),
        gettext_noop("Stand up tall against the pull of the band"),
        gettext_noop("Goblet squat (dumbbell)"),
        gettext_noop(
            "Holding a weight while you squat loads your hips and spine, where bone needs it most."
        ),
        gettext_noop("Hold one dumbbell upright against your chest"),
        gettext_noop("Elbows point down, chest stays proud"),
        gettext_noop("Sit between your heels, then stand up tall"),
        gettext_noop("Goblet squat (kettlebell)"),
        gettext_noop(
            "A kettlebell held at your chest makes your legs, hips and back work together to build bone."
        ),
        gettext_noop("Hold the kettlebell by the horns close to your chest"),
        gettext_noop("Keep your elbows tucked in and your chest up"),
        gettext_noop("Squat down between your knees and stand up tall"),
        gettext_noop("Leg press"),
        gettext_noop(
            "The leg press lets you push heavy weights with your legs while your back is supported."
        ),
        gettext_noop("Feet flat and hip-width apart on the platform"),
        gettext_noop(
            "Lower only until your lower back starts to lift off the pad, then press back"
        ),
        gettext_noop("Do not lock your knees at the top"),
        gettext_noop("Back squat (barbell)"),
        gettext_noop(
            "The barbell squat puts a strong, safe load through your spine and hips, the places where bone most needs it."
        ),
        gettext_noop("Bar rests across the upper back, hands just outside the shoulders"),
        gettext_noop("Brace your tummy before each rep"),
        gettext_noop("Sit down between your heels to a depth you can control"),
        gettext_noop("Stand up with hips and shoulders rising together"),
        gettext_noop("Hip hinge practice"),
        gettext_noop(
            "Learning to bend at the hips instead of rounding your back protects your spine every day."
        ),
        gettext_noop("Hold a broom handle along your back touching head, upper back and tailbone"),
        gettext_noop("Push your hips back as if closing a car door with your bottom"),
        gettext_noop("Keep all three contact points on the stick as you bend forward"),
        gettext_noop("Squeeze your buttocks to stand back up"),
        gettext_noop("Glute bridge"),
        gettext_noop(
            "Bridges strengthen the big muscles around your hips that help you walk, climb and stay steady."
        ),
        gettext_noop("Lie on your back, knees bent, feet flat and hip-width apart"),
        gettext_noop(
            "Squeeze your buttocks and lift your hips until knees, hips and shoulders line up"
        ),
        gettext_noop("Keep your ribs down, do not arch your back"),
        gettext_noop("Lower slowly"),
        gettext_noop("Single-leg glute bridge"),
        gettext_noop(
            "Working one leg at a time builds the hip strength you need to stand on one leg safely."
        ),
        gettext_noop("Start in a bridge position and straighten one knee"),
        gettext_noop("Lift your hips with the foot still on the floor"),
        gettext_noop("Keep the hips level, do not let one side drop"),
        gettext_noop("Hip thrust (barbell)"),
        gettext_noop(
            "Driving a weight up with your hips builds strong buttock muscles that pull on and strengthen the hip bones."
        ),
        gettext_noop("Upper back on the edge of a bench, padded bar across your hips"),
        gettext_noop("Drive your hips up until your body is flat like a table"),
        gettext_noop("Tuck your chin and keep your ribs down"),
        gettext_noop("Band deadlift"),
        gettext_noop(
            "Standing up against a band trains the hip hinge that protects your back when you lift."
        ),
        gettext_noop("Stand on the band, handles in your hands by your shins"),
        gettext_noop("Push your hips back with a long, flat back"),
        gettext_noop("Stand up tall by squeezing your buttocks"),
        gettext_noop("Cable pull-through"),
        gettext_noop(
            "This machine exercise teaches your hips to do the work of lifting so your back stays safe."
        ),
        gettext_noop("Face away from a low cable, rope held between your legs"),
        gettext_noop("Walk out two steps and set your feet wide"),
        gettext_noop("Hinge back with a long back, then drive the hips forward to stand"),
        gettext_noop("Kettlebell deadlift from a raised height"),
        gettext_noop(
            "Lifting from a raised height gives your hips and back a bone-building load with less bending."
        ),
        gettext_noop("Set the kettlebell on a step between your feet"),
        gettext_noop("Hinge at the hips and grip the handle with a flat back"),
        gettext_noop("Stand up tall, then place the bell back on the step"),
        gettext_noop("Kettlebell deadlift"),
        gettext_noop(
            "Lifting a weight from the floor the right way strengthens your hips and spine for daily life."
        ),
        gettext_noop("Kettlebell on the floor between your feet, in line with your ankles"),
        gettext_noop("Push the hips back and bend the knees to reach it with a flat back"),
        gettext_noop("Push the floor away and stand up tall"),
        gettext_noop("Romanian deadlift (dumbbells)"),
        gettext_noop(
            "This move strengthens the back of your legs, your buttocks and your back muscles together."
        ),
        gettext_noop("Hold the dumbbells in front of your thighs, knees soft"),
        gettext_noop("Slide them down your thighs by pushing your hips back"),
        gettext_noop("Stop when you feel a stretch behind your thighs or your back wants to round"),
        gettext_noop("Squeeze your buttocks to stand tall"),
        gettext_noop("Single-leg Romanian deadlift (dumbbell)"),
        gettext_noop(
            "Hinging on one leg strengthens each hip on its own and improves your balance."
        ),
        gettext_noop("Hold one dumbbell in the hand opposite your standing leg"),
        gettext_noop("Hinge forward as the free leg reaches straight back"),
        gettext_noop("Keep your hips square to the floor"),
        gettext_noop("Romanian deadlift (barbell)"),
        gettext_noop(
            "The barbell version lets you lift heavier for stronger hips and back muscles."
        ),
        gettext_noop("Start standing with the bar at your thighs"),
        gettext_noop("Push your hips back and keep the bar touching your legs"),
        gettext_noop("Stop before your back rounds, then stand up tall"),
        gettext_noop("Deadlift (barbell)"),
        gettext_noop(
            "The deadlift sends a strong, bone-building load through your hips and spine, the key sites for fracture."
        ),
        gettext_noop("Bar over the middle of your feet, shins close to the bar"),
        gettext_noop("Flat back, chest up, arms straight"),
        gettext_noop("Push the floor away and stand up with the bar close to your legs"),
        gettext_noop("Lower it the same way, hips back first"),
        gettext_noop("Supported split squat"),
        gettext_noop(
            "Splitting your stance loads each hip and leg on its own, with a chair for safety."
        ),
        gettext_noop(
            "Hold the back of a chair with one hand, one foot a long step in front of the other"
        ),
        gettext_noop("Bend both knees and lower straight down"),
        gettext_noop("Push through the front heel to come back up"),
        gettext_noop("Split squat (bodyweight)"),
        gettext_noop(
            "This builds strength in each leg separately, which helps with stairs and getting up from the floor."
        ),
        gettext_noop("One foot forward, one back, feet hip-width apart like on train tracks"),
        gettext_noop("Lower the back knee towards the floor"),
        gettext_noop("Keep your body upright and drive up through the front foot"),
        gettext_noop("Split squat (dumbbells)"),
        gettext_noop(
            "Adding weights to the split squat gives your hips and thighs more load to grow stronger."
        ),
        gettext_noop("Hold a dumbbell in each hand by your sides"),
        gettext_noop("Lower straight down between your feet"),
        gettext_noop("Keep the front knee over the middle of the foot"),
        gettext_noop("Band split squat"),
        gettext_noop("The band adds load to each leg without needing weights."),
        gettext_noop("Stand on the band with your front foot, handles at your shoulders"),
        gettext_noop("Lower the back knee straight down"),
        gettext_noop("Push up through the front heel against the band"),
        gettext_noop("Split squat (Smith machine)"),
        gettext_noop(
            "The guided bar lets you load your legs and spine heavily while the machine handles the balance."
        ),
        gettext_noop("Bar across your upper back, split stance under the bar"),
        gettext_noop("Keep the trunk upright and drive up"),
        gettext_noop("Reverse lunge (bodyweight)"),
        gettext_noop(
            "Stepping back into a lunge trains the leg strength and control that helps you catch yourself if you trip."
        ),
        gettext_noop("Step one foot back and lower the back knee"),
        gettext_noop("Keep most of your weight on the front foot"),
        gettext_noop("Push through the front heel to step back together"),
        gettext_noop("Reverse lunge (kettlebell)"),
        gettext_noop("Carrying a weight while you lunge loads your hips, legs and spine together."),
        gettext_noop("Hold the kettlebell at your chest"),
        gettext_noop("Step back and lower the back knee with an upright body"),
        gettext_noop("Drive through the front foot to return"),
        gettext_noop("Split squat (barbell)"),
        gettext_noop(
            "The barbell lets you put a heavy, bone-building load through each hip in turn."
        ),
        gettext_noop("Take the bar from a rack onto your upper back"),
        gettext_noop("Step into a long split stance, feet hip-width apart"),
        gettext_noop("Lower straight down and drive back up"),
        gettext_noop("Step-up (bodyweight)"),
        gettext_noop("Stepping up builds the leg power you use on stairs and kerbs."),
        gettext_noop("Place your whole foot on the step"),
        gettext_noop("Lean forward a little and push through that heel to stand on the step"),
        gettext_noop("Step down slowly with the other foot"),
        gettext_noop("Step-up (dumbbells)"),
        gettext_noop(
            "Stepping up with weights makes your legs and hips strong for stairs, hills and getting onto a bus."
        ),
        gettext_noop("Hold a dumbbell in each hand, arms long"),
        gettext_noop("Put the whole foot on the step and drive up through the heel"),
        gettext_noop("Stand tall at the top, then lower down with control"),
        gettext_noop("Face-down arm pull"),
        gettext_noop(
            "Pulling your shoulder blades back strengthens the muscles that hold your upper back straight."
        ),
        gettext_noop("Lie face down on a firm bed or the floor, forehead on a folded towel"),
        gettext_noop("Bend your elbows and draw them back towards your hips"),
        gettext_noop("Squeeze your shoulder blades together and lift the elbows a little"),
        gettext_noop("Band row"),
        gettext_noop("Rowing against a band strengthens your upper back so you can stand taller."),
        gettext_noop("Fix the band at chest height in a closed door or around a post"),
        gettext_noop("Stand tall and pull the handles to your ribs"),
        gettext_noop("Squeeze your shoulder blades together, then let the band back slowly"),
        gettext_noop("Seated cable row"),
        gettext_noop(
            "Rowing strengthens the back muscles that keep your spine upright and supported."
        ),
        gettext_noop("Sit tall, chest up, knees slightly bent"),
        gettext_noop("Pull the handle to your lower ribs"),
        gettext_noop("Keep your body still, do not rock back and forth"),
        gettext_noop("Chest-supported row (dumbbells)"),
        gettext_noop(
            "Lying on a bench lets you strengthen your upper back without any strain on your lower back."
        ),
        gettext_noop("Lie face down on an incline bench, a dumbbell in each hand"),
        gettext_noop("Pull your elbows back past your sides"),
        gettext_noop("Pause and squeeze your shoulder blades before lowering"),
        gettext_noop("One-arm dumbbell row"),
        gettext_noop(
            "Rowing builds the back and arm muscles you need to lift and carry things safely."
        ),
        gettext_noop(
            "Stand in a staggered stance and hinge forward with a flat back, free hand on your thigh or a sturdy surface"
        ),
        gettext_noop("Pull the dumbbell up beside your ribs"),
        gettext_noop("Keep your shoulders square, do not twist"),
        gettext_noop("Kettlebell row"),
        gettext_noop(
            "A kettlebell row strengthens your back and grip, which helps posture and the bones of the wrist."
        ),
        gettext_noop(
            "Staggered stance, hinge forward with a flat back, free hand on your front thigh"
        ),
        gettext_noop("Pull the kettlebell towards your hip"),
        gettext_noop("Lower slowly without letting the shoulder drop forward"),
        gettext_noop("Bent-over row (barbell)"),
        gettext_noop(
            "Holding a hinge while you row strengthens the muscles along your spine as well as your arms."
        ),
        gettext_noop("Hinge forward with a flat back, bar hanging at arm's length"),
        gettext_noop("Pull the bar to your lower ribs"),
        gettext_noop("Keep your back angle still throughout"),
        gettext_noop("Wall slides"),
        gettext_noop(
            "Reaching up the wall gets your shoulders and upper back working so you can reach high shelves."
        ),
        gettext_noop("Stand facing the wall, forearms on it at shoulder height"),
        gettext_noop("Slide your arms up the wall as high as is comfortable"),
        gettext_noop("Lift your breastbone as your arms rise"),
        gettext_noop("Slide back down slowly"),
        gettext_noop("Band overhead press"),
        gettext_noop(
            "Pressing overhead strengthens your shoulders and arms for lifting things onto high shelves."
        ),
        gettext_noop("Stand on the band, handles at shoulder height"),
        gettext_noop("Press straight up until your arms are long"),
        gettext_noop("Keep your ribs down and bottom tight"),
        gettext_noop("Machine shoulder press"),
        gettext_noop(
            "A supported press strengthens your arms and shoulders with your back kept safe."
        ),
        gettext_noop("Sit with your back against the pad, handles at shoulder height"),
        gettext_noop("Press up without locking your elbows"),
        gettext_noop("Lower with control to shoulder level"),
        gettext_noop("Seated dumbbell press (high incline)"),
        gettext_noop(
            "Pressing while seated with back support strengthens your arms and shoulders safely."
        ),
        gettext_noop("Sit on a bench set upright or at a high incline, back on the pad"),
        gettext_noop("Start with the dumbbells at shoulder height, palms forward or facing in"),
        gettext_noop("Press up and slightly in, then lower slowly"),
        gettext_noop("Landmine press"),
        gettext_noop(
            "This angled press builds shoulder and arm strength while your trunk works to stay steady."
        ),
        gettext_noop(
            "One end of the bar fixed in a corner or holder, the other end at your shoulder"
        ),
        gettext_noop("Press the bar up and forward until your arm is long"),
        gettext_noop("Keep your hips and shoulders facing the bar"),
        gettext_noop("Standing dumbbell overhead press"),
        gettext_noop(
            "Pressing weights overhead while standing loads your spine and arm bones and strengthens your shoulders."
        ),
        gettext_noop("Stand tall, dumbbells at shoulder height"),
        gettext_noop("Tighten your tummy and buttocks"),
        gettext_noop("Press straight up, then lower with control"),
        gettext_noop("Kettlebell overhead press"),
        gettext_noop(
            "Pressing one side at a time strengthens your shoulder while your trunk works to keep you straight."
        ),
        gettext_noop("Hold the kettlebell at your shoulder, bell resting on your forearm"),
        gettext_noop("Press straight up until your arm is long"),
        gettext_noop("Lower slowly back to the shoulder"),
        gettext_noop("Overhead press (barbell)"),
        gettext_noop(
            "Pressing a bar overhead sends load down through your spine, which helps keep your vertebrae strong."
        ),
        gettext_noop("Take the bar from a rack at shoulder height"),
        gettext_noop("Squeeze your buttocks and brace your tummy"),
        gettext_noop("Press the bar straight up past your face, then bring your head through"),
        gettext_noop("Wall push-up"),
        gettext_noop(
            "Pushing against a wall strengthens your arms, chest and wrists, which helps if you ever need to break a fall."
        ),
        gettext_noop("Hands on the wall at shoulder height, feet a step back"),
        gettext_noop("Keep your body straight like a plank"),
        gettext_noop("Bend your elbows to bring your chest towards the wall, then push away"),
        gettext_noop("Incline push-up"),
        gettext_noop(
            "Incline push-ups build arm and chest strength with a smaller load than on the floor."
        ),
        gettext_noop("Hands on a sturdy bench or table edge"),
        gettext_noop("Body in one straight line from head to heels"),
        gettext_noop("Lower your chest to the edge, then press away"),
        gettext_noop("Push-up from the knees"),
        gettext_noop(
            "Working from the floor builds more arm and chest strength and loads the wrist bones."
        ),
        gettext_noop("Kneel on a mat with hands under your shoulders"),
        gettext_noop("Keep a straight line from knees to head"),
        gettext_noop("Lower your chest, then press the floor away"),
        gettext_noop("Push-up"),
        gettext_noop(
            "The full push-up is a strong whole-body exercise for your arms, chest and trunk."
        ),
        gettext_noop("Hands under your shoulders, body straight from head to heels"),
        gettext_noop("Lower your chest towards the floor with elbows angled back"),
        gettext_noop("Push up as one solid piece"),
        gettext_noop("Band chest press"),
        gettext_noop(
            "Pressing against a band strengthens your chest and arms for pushing and getting up."
        ),
        gettext_noop("Band anchored behind you at chest height"),
        gettext_noop("Press the handles forward until your arms are long"),
        gettext_noop("Return slowly, elbows just below your shoulders"),
        gettext_noop("Machine chest press"),
        gettext_noop(
            "A supported chest press strengthens your arms and chest without any balance demand."
        ),
        gettext_noop("Sit with your back against the pad, handles level with your chest"),
        gettext_noop("Press forward without locking your elbows"),
        gettext_noop("Let the handles come back slowly"),
        gettext_noop("Dumbbell bench press"),
        gettext_noop(
            "Pressing weights builds strong arms and loads the bones of your wrists and forearms."
        ),
        gettext_noop("Lie on the bench, feet flat, dumbbells above your chest"),
        gettext_noop("Lower them to the sides of your chest"),
        gettext_noop("Press up and slightly together"),
        gettext_noop("Bench press (barbell)"),
        gettext_noop(
            "The bench press lets you load your arms and chest heavily to build upper-body strength."
        ),
        gettext_noop("Eyes under the bar, feet flat, shoulder blades pulled together"),
        gettext_noop("Lower the bar to your lower chest"),
        gettext_noop("Press up and slightly back over your shoulders"),
        gettext_noop("Band pulldown"),
        gettext_noop("Pulling down strengthens the large back muscles that support good posture."),
        gettext_noop("Anchor the band high, over a door or a bar"),
        gettext_noop("Pull your elbows down to your sides"),
        gettext_noop("Keep your chest up and your shoulders away from your ears"),
        gettext_noop("Lat pulldown"),
        gettext_noop(
            "This machine strengthens your back and arms, which helps you stand upright and lift."
        ),
        gettext_noop("Sit tall with your thighs under the pad"),
        gettext_noop("Pull the bar down to your upper chest"),
        gettext_noop("Lean back only slightly and keep your back straight"),
        gettext_noop("Jumping chin-up with drop landing"),
        gettext_noop(
            "Jumping up and landing sends a quick, strong load through your hips and spine that bone responds to."
        ),
        gettext_noop("Stand under a bar set just above your reach"),
        gettext_noop("Jump up to grab the bar and pull your chin over it"),
        gettext_noop("Lower slowly until your arms are long"),
        gettext_noop("Let go and land softly on both feet with knees bent"),
        gettext_noop("Farmer carry"),
        gettext_noop(
            "Carrying weights builds grip, trunk and leg strength for carrying shopping safely."
        ),
        gettext_noop("A dumbbell in each hand, arms long by your sides"),
        gettext_noop("Stand tall and walk with short, steady steps"),
        gettext_noop("Keep your shoulders back and down"),
        gettext_noop("Suitcase carry (one-sided)"),
        gettext_noop(
            "Carrying on one side makes the muscles around your trunk work hard to keep you upright."
        ),
        gettext_noop("Hold one kettlebell in one hand by your side"),
        gettext_noop("Walk tall without leaning towards or away from the weight"),
        gettext_noop("Swap hands halfway"),
        gettext_noop("Standing bird dog"),
        gettext_noop(
            "This trains your back and trunk muscles to hold your spine steady while your legs move."
        ),
        gettext_noop("Stand facing the back of a chair, both hands on it"),
        gettext_noop("Slide one leg straight back and lift it a little"),
        gettext_noop("Keep your hips level and your back still"),
        gettext_noop("Return and switch sides"),
        gettext_noop("Bird dog"),
        gettext_noop(
            "The bird dog strengthens the muscles along your spine while keeping it in a safe position."
        ),
        gettext_noop("On hands and knees, hands under shoulders, knees under hips"),
        gettext_noop("Reach one arm forward and the opposite leg back"),
        gettext_noop("Keep your back flat like a table, no twisting"),
        gettext_noop("Pause, return and switch sides"),
        gettext_noop("Dead bug"),
        gettext_noop("This strengthens your tummy muscles without bending your spine forward."),
        gettext_noop("Lie on your back, knees bent above your hips, arms towards the ceiling"),
        gettext_noop("Press your lower back gently into the floor"),
        gettext_noop("Lower one heel to tap the floor, then return and switch"),
        gettext_noop("Wall plank"),
        gettext_noop("Holding a straight body against the wall strengthens your trunk safely."),
        gettext_noop("Forearms on the wall at shoulder height, feet stepped back"),
        gettext_noop("Make a straight line from head to heels"),
        gettext_noop("Breathe normally while you hold"),
        gettext_noop("Forearm plank from the knees"),
        gettext_noop("Planks strengthen the deep trunk muscles that protect your spine."),
        gettext_noop("Forearms on the mat, elbows under shoulders, knees down"),
        gettext_noop("Straight line from knees to head"),
        gettext_noop("Breathe steadily, do not hold your breath"),
        gettext_noop("Forearm plank"),
        gettext_noop("The full plank builds trunk strength with your spine kept straight."),
        gettext_noop("Forearms on the mat, legs straight, up on your toes"),
        gettext_noop("Body in one straight line, bottom not raised"),
        gettext_noop("Breathe steadily"),
        gettext_noop("Side plank from the knees"),
        gettext_noop(
            "The side plank strengthens the muscles at the side of your trunk and hip without twisting."
        ),
        gettext_noop("Lie on your side, elbow under shoulder, knees bent behind you"),
        gettext_noop("Lift your hips so your body is straight from knees to head"),
        gettext_noop("Hold, then lower and switch sides"),
        gettext_noop("Side plank"),
        gettext_noop("The full side plank builds strong trunk and hip muscles on each side."),
        gettext_noop("Elbow under shoulder, legs straight and stacked or staggered"),
        gettext_noop("Lift your hips into one straight line"),
        gettext_noop("Hold without letting the hips sink"),
        gettext_noop("Pallof press (band)"),
        gettext_noop(
            "Resisting a sideways pull trains your trunk to protect your spine from twisting."
        ),
        gettext_noop("Stand side-on to a band anchored at chest height"),
        gettext_noop("Hold the handle at your breastbone with both hands"),
        gettext_noop("Press straight out and back without letting the band turn you"),
        gettext_noop("Pallof press (cable)"),
        gettext_noop("This builds a strong trunk that keeps your spine steady when you move."),
        gettext_noop("Stand side-on to a cable set at chest height"),
        gettext_noop("Press the handle straight out from your chest"),
        gettext_noop("Hold for a breath, then bring it back without turning"),
        gettext_noop("Calf raise (supported)"),
        gettext_noop("Strong calves help you walk steadily and recover if you trip."),
        gettext_noop("Hold the back of a chair, feet hip-width apart"),
        gettext_noop("Rise slowly onto the balls of your feet"),
        gettext_noop("Lower slowly, do not drop"),
        gettext_noop("Single-leg calf raise"),
        gettext_noop(
            "Working each calf on its own builds the ankle strength that keeps you steady."
        ),
        gettext_noop("Stand on one leg, fingertips on a chair"),
        gettext_noop("Rise as high as you can on the ball of the foot"),
        gettext_noop("Lower slowly and switch legs after the set"),
        gettext_noop("Chin tucks"),
        gettext_noop(
            "Drawing your head back helps stop it from drifting forward and rounding your upper back."
        ),
        gettext_noop("Sit or stand tall, eyes level"),
        gettext_noop("Slide your chin straight back as if making a double chin"),
        gettext_noop("Hold for a breath, then relax"),
        gettext_noop("Wall posture stand"),
        gettext_noop(
            "Practising tall standing against a wall trains the posture that protects your spine."
        ),
        gettext_noop("Stand with heels, bottom and shoulders against the wall"),
        gettext_noop(
            "Bring the back of your head towards the wall, with the bit of ear in front of the ear hole in line with your shoulder"
        ),
        gettext_noop("Stand tall and breathe"),
        gettext_noop("Shoulder blade squeeze"),
        gettext_noop(
            "Squeezing your shoulder blades strengthens the muscles that keep your upper back straight."
        ),
        gettext_noop("Sit or stand tall with arms relaxed"),
        gettext_noop("Draw your shoulder blades back and down"),
        gettext_noop("Hold for a few seconds, then let go slowly"),
        gettext_noop("Seated upper-back extension"),
        gettext_noop(
            "Lifting your chest while seated strengthens the muscles that hold your upper back straight."
        ),
        gettext_noop("Sit tall in a firm chair, arms crossed on your chest"),
        gettext_noop("Lift your breastbone up towards the ceiling"),
        gettext_noop("Hold briefly, then return to tall sitting"),
        gettext_noop("Band pull-apart"),
        gettext_noop("This strengthens the upper back and helps you stand taller."),
        gettext_noop("Hold a light band in front of you at shoulder height"),
        gettext_noop("Pull it apart by moving your hands out to the sides"),
        gettext_noop("Squeeze your shoulder blades, then return slowly"),
        gettext_noop("Face-down chest lift"),
        gettext_noop(
            "Gentle back lifts strengthen the muscles that keep your spine upright and may lower the chance of spine fractures."
        ),
        gettext_noop("Lie face down, a pillow under your tummy, arms by your sides"),
        gettext_noop("Lift your head and chest a few centimetres, eyes looking at the floor"),
        gettext_noop("Hold for a breath and lower slowly"),
        gettext_noop("Face-down opposite arm and leg lift"),
        gettext_noop(
            "Lifting an arm and a leg works the back muscles on both sides of your spine."
        ),
        gettext_noop("Lie face down, arms stretched overhead, forehead on a towel"),
        gettext_noop("Lift one arm and the opposite leg a few centimetres"),
        gettext_noop("Lower slowly and switch"),
        gettext_noop("Face-down Y raise"),
        gettext_noop("This strengthens the whole back so you can stand straighter for longer."),
        gettext_noop("Lie face down, arms overhead in a Y shape, thumbs up"),
        gettext_noop("Lift your chest and arms together a little off the floor"),
        gettext_noop("Hold, then lower slowly"),
        gettext_noop("Incline Y raise (light dumbbells)"),
        gettext_noop(
            "Lifting light weights in this position builds the upper-back strength that prevents stooping."
        ),
        gettext_noop("Lie face down on an incline bench with the lightest dumbbells"),
        gettext_noop("Raise your arms forward and up into a Y, thumbs up"),
        gettext_noop("Lower slowly without shrugging"),
        gettext_noop("Marching on the spot"),
        gettext_noop(
            "Firm steps send a gentle jolt up through your legs and hips that bones respond to."
        ),
        gettext_noop("Stand tall near a counter"),
        gettext_noop("Lift your knees in turn and put each foot down firmly"),
        gettext_noop("Swing your arms as you go"),
        gettext_noop("Heel drops"),
        gettext_noop(
            "Dropping onto your heels sends a small jolt up to your hips that helps keep them strong."
        ),
        gettext_noop("Stand tall with your feet hip-width apart, hands on a counter if you like"),
        gettext_noop("Rise up onto your toes"),
        gettext_noop("Let your heels drop to the floor with a firm thump"),
        gettext_noop("Pause, then repeat"),
        gettext_noop("Stair climbing"),
        gettext_noop("Climbing stairs is an easy way to load your hips and legs every day."),
        gettext_noop("Use stairs or a step with a handrail"),
        gettext_noop("Place your whole foot on each step"),
        gettext_noop("Go up at a brisk pace and come down slowly"),
        gettext_noop("Step-downs"),
        gettext_noop(
            "Stepping down gives your hips a firm load and trains control when you go down stairs."
        ),
        gettext_noop("Stand on a low step near a rail"),
        gettext_noop("Step down and land on the whole foot with the knee soft"),
        gettext_noop("Step back up and swap the leading leg"),
        gettext_noop("Stamping"),
        gettext_noop("Firm stamps give your hip bones a quick jolt that helps them stay strong."),
        gettext_noop("Stand tall, holding a counter if you like"),
        gettext_noop("Lift one foot a little and stamp it down firmly"),
        gettext_noop("Alternate feet with a steady rhythm"),
        gettext_noop("Jogging on the spot"),
        gettext_noop(
            "Light jogging gives your hips more jolts than walking, which helps keep bone strong."
        ),
        gettext_noop("Jog lightly on the spot on the balls of your feet"),
        gettext_noop("Let your heels touch the floor each step"),
        gettext_noop("Keep your body tall and relaxed"),
        gettext_noop("Skipping"),
        gettext_noop(
            "Skipping is a fun way to give your hip bones the quick loads they respond to."
        ),
        gettext_noop("Skip on the spot or along a clear path, with or without a rope"),
        gettext_noop("Land softly on the balls of your feet"),
        gettext_noop("Keep the skips small and rhythmic"),
        gettext_noop("Two-foot hops"),
        gettext_noop(
            "Small hops give the hip bones a quick, strong load that helps them stay dense."
        ),
        gettext_noop("Feet together, knees soft"),
        gettext_noop("Make small, quick hops just off the floor"),
        gettext_noop("Land on the balls of your feet, then let the heels touch"),
        gettext_noop("Side-to-side hops"),
        gettext_noop(
            "Landing to the side loads the hip from a new direction, which bone responds well to."
        ),
        gettext_noop("Feet together beside a line on the floor"),
        gettext_noop("Hop sideways over the line and back"),
        gettext_noop("Land softly with knees bent"),
        gettext_noop("Low jumps"),
        gettext_noop(
            "Jumping and landing gives your hip bones a strong, quick load that helps build them."
        ),
        gettext_noop("Bend your knees a little and swing your arms"),
        gettext_noop("Jump a few centimetres straight up"),
        gettext_noop("Land softly on both feet, knees bent, then pause"),
        gettext_noop("Single-leg hops"),
        gettext_noop(
            "Hopping on one leg loads each hip on its own, which is the best signal for hip bone."
        ),
        gettext_noop("Stand on one leg near a counter"),
        gettext_noop("Make a small hop and land on the same foot with a soft knee"),
        gettext_noop("Do all hops on one side, then swap"),
        gettext_noop("Star jumps"),
        gettext_noop("Star jumps give your hips quick, strong loads that bone responds to."),
        gettext_noop("Jump your feet apart as your arms sweep up"),
        gettext_noop("Jump back together as your arms come down"),
        gettext_noop("Land softly each time"),
        gettext_noop("Jump squats"),
        gettext_noop(
            "Jumping from a squat sends one of the strongest loads through your hips and spine."
        ),
        gettext_noop("Squat down to a comfortable depth with your back straight"),
        gettext_noop("Jump up as high as you comfortably can"),
        gettext_noop("Land softly back into the squat and pause before the next jump"),
        gettext_noop("Tuck jumps"),
        gettext_noop(
            "This high jump is a strong bone signal for people whose bones and balance can take it."
        ),
        gettext_noop("Jump up and bring your knees up towards your chest"),
        gettext_noop("Keep your back straight, bring the knees up rather than the chest down"),
        gettext_noop("Land softly on both feet"),
        gettext_noop("Bounding"),
        gettext_noop("Landing from one foot to the other loads each hip strongly in turn."),
        gettext_noop("Take long, springy strides from one foot to the other"),
        gettext_noop("Land on the whole foot with a soft knee"),
        gettext_noop("Keep the bounds controlled, not a sprint"),
        gettext_noop("Drop landings"),
        gettext_noop(
            "Stepping off a box and landing gives your hips and spine a very strong load that helps build bone."
        ),
        gettext_noop("Stand on a low, stable box"),
        gettext_noop("Step off, do not jump, and land on both feet at once"),
        gettext_noop("Absorb the landing with bent knees and hips, back straight"),
        gettext_noop("Climb down and reset before the next one"),
        gettext_noop("Brisk walking"),
        gettext_noop(
            "Brisk walking keeps your heart healthy and puts a gentle load through your legs and hips."
        ),
        gettext_noop("Walk at a pace where you can talk but not sing"),
        gettext_noop("Stand tall and swing your arms"),
        gettext_noop("Choose even paths and good shoes"),
        gettext_noop("Feet-together stand with support"),
        gettext_noop("Practising standing steady is the first step to fewer falls."),
        gettext_noop("Stand behind a sturdy chair, both hands on the back"),
        gettext_noop("Bring your feet together"),
        gettext_noop("Stand tall and look straight ahead"),
        gettext_noop("Half-step stand"),
        gettext_noop("Standing with one foot ahead trains the balance you need when walking."),
        gettext_noop("Stand beside a chair with one hand on it"),
        gettext_noop(
            "Place one foot half a step ahead, the heel beside the big toe of the other foot"
        ),
        gettext_noop("Hold still, then swap feet"),
        gettext_noop("Heel-to-toe stand with support"),
        gettext_noop(
            "A narrow stance challenges your balance so your body learns to keep you upright."
        ),
        gettext_noop("One hand on a chair"),
        gettext_noop("Put one foot directly in front of the other, heel touching toes"),
        gettext_noop("Stand tall, eyes on a point ahead"),
        gettext_noop("Swap feet after each hold"),
        gettext_noop("Heel-to-toe stand"),
        gettext_noop("Holding this stance without help builds the balance that prevents falls."),
        gettext_noop("Stand near a counter with hands hovering over it"),
        gettext_noop("One foot directly in front of the other"),
        gettext_noop("Hold without touching, then swap feet"),
        gettext_noop("One-leg stand with support"),
        gettext_noop(
            "Standing on one leg builds the balance you need for stairs, kerbs and getting dressed."
        ),
        gettext_noop("One hand lightly on a chair"),
        gettext_noop("Lift one foot just off the floor"),
        gettext_noop("Stand tall and hold, then swap legs"),
        gettext_noop("One-leg stand"),
        gettext_noop(
            "A steady one-leg stand is one of the best signs that your balance is getting stronger."
        ),
        gettext_noop("Stand beside a counter, hands hovering"),
        gettext_noop("Lift one foot and hold without touching"),
        gettext_noop("Keep your hips level and eyes on a fixed point"),
        gettext_noop("One-leg stand with eyes closed"),
        gettext_noop(
            "Taking away your eyes makes your legs and inner ear work harder, training balance for dark rooms."
        ),
        gettext_noop("Stand next to a chair with a hand hovering over it"),
        gettext_noop("Lift one foot, find your balance, then close your eyes"),
        gettext_noop("Open your eyes as soon as you wobble"),
        gettext_noop("One-leg clock reach"),
        gettext_noop(
            "Reaching with one leg while balancing on the other trains the quick control that stops a fall."
        ),
        gettext_noop("Stand on one leg with a hand on a chair"),
        gettext_noop(
            "Tap the other foot lightly forward, to the side and behind, like the hands of a clock"
        ),
        gettext_noop("Keep the standing knee soft and the trunk upright"),
        gettext_noop("Forward reach"),
        gettext_noop(
            "Reaching out safely trains your balance for everyday tasks like reaching into a cupboard."
        ),
        gettext_noop("Stand side-on to a counter, feet hip-width apart"),
        gettext_noop("Reach forward at shoulder height as far as is comfortable without stepping"),
        gettext_noop("Keep your back straight and come back to standing tall"),
        gettext_noop("Sideways walking"),
        gettext_noop(
            "Stepping sideways strengthens the hip muscles that catch you when you lose balance."
        ),
        gettext_noop("Stand tall beside a counter"),
        gettext_noop("Step sideways, then bring the other foot to meet it"),
        gettext_noop("Keep your toes pointing forward"),
        gettext_noop("Backwards walking"),
        gettext_noop(
            "Walking backwards trains your balance for the moments when you have to step back."
        ),
        gettext_noop("Stand beside a counter"),
        gettext_noop("Walk backwards with normal-sized steps, toe then heel"),
        gettext_noop("Stand tall and keep the steps slow"),
        gettext_noop("Heel walking"),
        gettext_noop(
            "Walking on your heels strengthens your shins and helps stop your toes catching on steps."
        ),
        gettext_noop("Lift your toes and walk on your heels"),
        gettext_noop("Stand tall and look ahead"),
        gettext_noop("Take short steps"),
        gettext_noop("Toe walking"),
        gettext_noop(
            "Toe walking strengthens your calves and ankles so you stay steady on your feet."
        ),
        gettext_noop("Rise onto your toes"),
        gettext_noop("Walk forward with short steps, heels up"),
        gettext_noop("Keep your body tall"),
        gettext_noop("Walking and turning"),
        gettext_noop(
            "Turning safely is where many falls happen, so practising it keeps you steady."
        ),
        gettext_noop("Walk a few steps at normal pace"),
        gettext_noop("Turn around in a small circle with lots of small steps"),
        gettext_noop("Walk back, turning the other way next time"),
        gettext_noop("Heel-to-toe walk with support"),
        gettext_noop(
            "Walking heel to toe trains your balance for narrow paths and crowded places."
        ),
        gettext_noop("Walk beside a wall or counter, fingertips on it"),
        gettext_noop("Put each heel right in front of the other foot's toes"),
        gettext_noop("Look ahead, not at your feet"),
        gettext_noop("Heel-to-toe walk"),
        gettext_noop(
            "Heel-to-toe walking without help is a strong test and trainer of your balance."
        ),
        gettext_noop("Walk in a straight line, heel touching the toes of the other foot"),
        gettext_noop("Arms out to the sides if it helps"),
        gettext_noop("Look ahead and keep a slow rhythm"),
        gettext_noop("Heel-to-toe walk backwards"),
        gettext_noop(
            "Walking backwards in a line is the hardest walking balance task and builds confident steps."
        ),
        gettext_noop("Fingertips on a wall or counter"),
        gettext_noop("Step back, placing your toes just behind the other heel"),
        gettext_noop("Move slowly and stand tall"),
        gettext_noop("Sideways step-up"),
        gettext_noop(
            "Stepping up sideways trains your hips to keep you balanced when you move in different directions."
        ),
        gettext_noop("Stand side-on to a low step, near a rail"),
        gettext_noop("Step up sideways with the near foot, bring the other up to meet it"),
        gettext_noop("Step down the same way and repeat, then face the other way"),
        gettext_noop("Stepping over an obstacle"),
        gettext_noop(
            "Practising stepping over things helps you clear kerbs, pets and rugs without tripping."
        ),
        gettext_noop("Place a rolled towel on the floor beside a counter"),
        gettext_noop("Lift your knee and step over it, then bring the other foot across"),
        gettext_noop("Step back over and swap the leading leg"),
        gettext_noop("Easy walking warm-up"),
        gettext_noop(
            "A few minutes of easy walking warms your muscles and joints before exercise."
        ),
        gettext_noop("Walk at an easy, comfortable pace"),
        gettext_noop("Gradually lengthen your stride"),
        gettext_noop("Let your arms swing naturally"),
        gettext_noop("Ankle circles"),
        gettext_noop("Loosening your ankles helps you walk smoothly and keep your balance."),
        gettext_noop("Sit tall on a chair and lift one foot a little"),
        gettext_noop("Draw slow circles with your toes, both directions"),
        gettext_noop("Swap feet"),
        gettext_noop("Shoulder rolls"),
        gettext_noop(
            "Rolling your shoulders back loosens your upper back and prepares it to stand tall."
        ),
        gettext_noop("Sit or stand tall"),
        gettext_noop("Lift your shoulders, roll them back and down"),
        gettext_noop("Make the circles slow and large"),
        gettext_noop("Standing hip circles"),
        gettext_noop("Moving your hips through their range warms them up for squats and walking."),
        gettext_noop("Hold a chair and stand on one leg"),
        gettext_noop("Lift the other knee and draw slow circles with it"),
        gettext_noop("Keep your trunk still and upright, then swap sides"),
        gettext_noop("Calf stretch at the wall"),
        gettext_noop(
            "Supple calves let your ankles move freely, which helps your walking and balance."
        ),
        gettext_noop("Hands on the wall, one foot stepped back"),
        gettext_noop("Keep the back heel down and the back knee straight"),
        gettext_noop("Lean gently until you feel a stretch in the calf"),
        gettext_noop("Chest stretch at the wall"),
        gettext_noop(
            "Opening up your chest makes it easier to stand tall instead of rounding forward."
        ),
        gettext_noop("Stand side-on to the wall, forearm flat on it at shoulder height"),
        gettext_noop("Step forward with the near foot until you feel a stretch across the chest"),
        gettext_noop("Keep your body facing forward and breathe slowly"),
        gettext_noop("Standing hip-front stretch"),
        gettext_noop(
            "Loosening the front of your hips lets you stand straighter and take longer steps."
        ),
        gettext_noop("Hold a chair and step one foot back into a split stance"),
        gettext_noop("Tuck your bottom under and press the back hip gently forward"),
        gettext_noop("Stand tall and hold, then swap sides"),
        gettext_noop("Crunch"),
        gettext_noop(
            "Crunches work the tummy muscles, but they bend the spine in the way thin bones do not tolerate."
        ),
        gettext_noop("Lie on your back with knees bent"),
        gettext_noop("Curl your head and shoulders off the floor"),
        gettext_noop("Sit-up"),
        gettext_noop(
            "Sit-ups work the tummy muscles, but the full forward curl is risky when bones are thin."
        ),
        gettext_noop("Curl all the way up to sitting"),
        gettext_noop("Standing toe touch"),
        gettext_noop(
            "Toe touches stretch the back of the legs, but rounding the spine this far is not safe for thin bones."
        ),
        gettext_noop("Stand with your feet together"),
        gettext_noop("Bend forward and reach down towards your toes"),
        gettext_noop("Seated forward fold"),
        gettext_noop(
            "Folding forward stretches the legs and back, but it rounds the spine more than thin bones should."
        ),
        gettext_noop("Sit on the floor with your legs straight"),
        gettext_noop("Fold forward towards your feet"),
        gettext_noop("Cat-camel"),
        gettext_noop(
            "This loosens the back, but the rounded half bends the spine further than is safe for thin bones."
        ),
        gettext_noop("On hands and knees, round your back up towards the ceiling"),
        gettext_noop("Then let it sag gently the other way"),
        gettext_noop("Jefferson curl"),
        gettext_noop(
            "This stretches the back under load, which thin vertebrae cannot safely take."
        ),
        gettext_noop("Stand holding a weight"),
        gettext_noop("Roll down one vertebra at a time towards the floor"),
        gettext_noop("Weighted Russian twist"),
        gettext_noop(
            "This works the side muscles of the trunk, but bending and twisting together is risky for thin bones."
        ),
        gettext_noop("Sit leaning back with a weight at your chest"),
        gettext_noop("Twist the weight from one side to the other"),
        gettext_noop("Seated rotation machine"),
        gettext_noop(
            "This machine trains twisting strength, but twisting under load is not safe for thin spine bones."
        ),
        gettext_noop("Sit with your legs locked in and chest on the pad"),
        gettext_noop("Twist the upper body against the weight"),
        gettext_noop("Standing trunk twist with feet planted"),
        gettext_noop(
            "Trunk twists loosen the back, but swinging round with your feet planted puts thin bones at risk."
        ),
        gettext_noop("Stand with your feet fixed"),
        gettext_noop("Swing your arms and trunk round to each side, like a golf swing"),
        gettext_noop("Cable woodchop"),
        gettext_noop(
            "This builds trunk power for sport, but twisting with fixed feet is risky for thin bones."
        ),
        gettext_noop("Stand side-on to a high cable, feet fixed"),
        gettext_noop("Pull the handle down and across your body, turning your trunk"),
    }
)
