"""The pretraining corpus of the CPU profile, generated (seeded) from the training conversations and templates of
the same support domain, so a small model learns the language of the replies before it learns to reply. The eval
conversations never enter it (no leakage into the base model)."""
import random

PRODUCTS = ["Acme Router", "Acme Cloud Drive", "Acme Phone", "Acme Watch", "the Acme app", "Acme Home Hub", "the Acme TV box"]
ACCOUNT_PARTS = ["Settings", "Security", "Billing", "Orders", "Profile", "Notifications", "Subscriptions", "Devices"]
ACTIONS = ["reset your password", "update your card", "change your plan", "cancel the order", "download the invoice",
           "turn on two-factor sign-in", "change the delivery address", "pause the subscription", "restart the device",
           "update the firmware", "remove an old device", "export your data"]
OPENERS = ["Thanks for reaching out.", "Sorry about that.", "Happy to help.", "Good question.", "Thanks for waiting."]
TIMES = ["within 24 hours", "within 5 business days", "in about 10 minutes", "by the end of the day", "within 30 minutes"]
QUESTIONS = ["How do I {a}?", "Can I {a} from the app?", "Where do I {a}?", "I can't {a}.", "Is it possible to {a} on {p}?"]
ANSWERS = [
    "Open {s} > {t} and choose \"{A}\". It takes effect {w}.",
    "{o} You can {a} in {s}; the change shows {w}.",
    "{o} On {p}, go to {s}, pick {t} and follow the steps to {a}.",
    "Yes. Go to {s} > {t}. If it does not work, reply here and we will {a} for you.",
    "{o} We will {a} {w}; you get an email when it is done.",
]


def sentences(seed, count):
    rng = random.Random(seed)
    for _ in range(count):
        fill = {"a": rng.choice(ACTIONS), "p": rng.choice(PRODUCTS), "s": rng.choice(ACCOUNT_PARTS), "t": rng.choice(ACCOUNT_PARTS),
                "o": rng.choice(OPENERS), "w": rng.choice(TIMES)}
        fill["A"] = fill["a"][0].upper() + fill["a"][1:]
        yield rng.choice(QUESTIONS).format(**fill)
        yield rng.choice(ANSWERS).format(**fill)


def documents(conversations, seed=7, generated=3000):
    """Plain-text documents: every message of the training conversations, then generated question/answer pairs."""
    docs = [m["content"] for messages in conversations for m in messages]
    docs += list(sentences(seed, generated))
    return docs
